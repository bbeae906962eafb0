package org.kioskops.hub.support;

import java.net.URI;
import java.util.List;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapObserveRelation;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.kioskops.agent.coap.DtlsClients;
import org.kioskops.protocol.DeviceMessage;

/**
 * A constrained device talking CoAP over DTLS with a pre-shared key to the hub, with Californium's client, as a
 * third party's device would.
 */
public final class CoapDevice implements AutoCloseable {
    private final String base;
    private final CoapEndpoint endpoint;
    private final CoapClient client = new CoapClient();

    /** A device that authenticates as {@code identity} with {@code key} (its UTF-8 bytes) to the hub on {@code port}. */
    public CoapDevice(int port, String identity, String key) {
        this.base = "coaps://127.0.0.1:" + port + "/kioskops/v1/";
        endpoint = DtlsClients.endpoint(identity, key, 1);
        client.setEndpoint(endpoint);
        client.setTimeout(10_000L);
    }

    /** Posts a message as JSON under its own device and kind; null when no answer came. */
    public CoapResponse post(DeviceMessage message) throws Exception {
        return post(message.deviceId() + "/" + message.kind().segment(), DeviceMessages.encode(message), MediaTypeRegistry.APPLICATION_JSON);
    }

    /** Posts {@code payload} in content {@code format} to {@code /kioskops/v1/{path}}; null when no answer came. */
    public CoapResponse post(String path, byte[] payload, int format) throws Exception {
        client.setURI(URI.create(base + path).toString());
        return client.post(payload, format);
    }

    /** GETs {@code /kioskops/v1/{path}} and observes it: every notification's payload (as text) lands in the list. */
    public CoapObserveRelation observe(String path, List<String> notifications) {
        CoapClient observer = new CoapClient(URI.create(base + path).toString());
        observer.setEndpoint(endpoint);
        return observer.observe(new CoapHandler() {
            @Override
            public void onLoad(CoapResponse response) {
                notifications.add(response.getCode() + " " + response.getResponseText());
            }

            @Override
            public void onError() {
                notifications.add("error");
            }
        });
    }

    @Override
    public void close() {
        client.shutdown();
        endpoint.destroy();
    }
}
