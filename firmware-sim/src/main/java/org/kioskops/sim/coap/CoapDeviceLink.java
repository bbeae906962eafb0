package org.kioskops.sim.coap;

import java.util.function.BiConsumer;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.kioskops.agent.coap.DtlsClients;

/**
 * One device's CoAP-over-DTLS link to the hub (docs/coap.md): a DTLS session with its pre-shared key, and
 * confirmable POSTs of contract messages to {@code /kioskops/v1/{deviceId}/{kind}}, answered once stored.
 */
public final class CoapDeviceLink implements AutoCloseable {
    private final String base;
    private final CoapEndpoint endpoint;
    private final CoapClient client;

    /**
     * @param hub       the hub's CoAP address, {@code host:port}
     * @param inFlight  confirmable requests this device may have outstanding at once (CoAP's NSTART)
     */
    public CoapDeviceLink(String hub, String deviceId, String key, int inFlight) {
        this.base = "coaps://" + hub + "/kioskops/v1/" + deviceId + "/";
        // answers to many outstanding requests come in bursts: a larger buffer than a box needs
        endpoint = DtlsClients.endpoint(deviceId, key, inFlight, 1 << 20);
        client = new CoapClient(base);
        client.setEndpoint(endpoint);
        client.setTimeout(30_000L);
    }

    /**
     * Posts one message of {@code kind} in the background; {@code done} gets the answer's code ({@code "2.04"},
     * {@code "4.00"}...) and text, or {@code "timeout"} and the failure when none came.
     */
    public void post(String kind, byte[] payload, boolean cbor, BiConsumer<String, String> done) {
        CoapClient request = client.useCONs();
        request.setURI(base + kind);
        request.post(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                var code = response.getCode();
                done.accept(code.codeClass + "." + String.format("%02d", code.codeDetail), response.getResponseText());
            }

            @Override
            public void onError() {
                done.accept("timeout", "no answer");
            }
        }, payload, cbor ? MediaTypeRegistry.APPLICATION_CBOR : MediaTypeRegistry.APPLICATION_JSON);
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }
}
