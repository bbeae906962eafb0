package org.kioskops.hub.coap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * {@code GET /kioskops/v1/{deviceId}/config}, observable: the device's desired configuration, the same document
 * the MQTT broker keeps retained on {@code kioskops/v1/{deviceId}/config}, in JSON or (with Accept 60) CBOR. An
 * empty 2.05 means the hub has no settings for the device yet. Observers are notified, confirmably, whenever a
 * new version is desired.
 */
final class ConfigResource extends CoapResource {
    static final String NAME = "config";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();

    /** Where the desired configuration comes from: its JSON, empty for none. */
    @FunctionalInterface
    interface Source {
        Optional<byte[]> desired(String deviceId);
    }

    private final String deviceId;
    private final Source source;
    private final Consumer<ConfigResource> onOwnRead;

    ConfigResource(String deviceId, Source source, Consumer<ConfigResource> onOwnRead) {
        super(NAME);
        this.deviceId = deviceId;
        this.source = source;
        this.onOwnRead = onOwnRead;
        setObservable(true);
        setObserveType(CoAP.Type.CON);
        getAttributes().setObservable();
    }

    String deviceId() {
        return deviceId;
    }

    @Override
    public void handleGET(CoapExchange exchange) {
        String identity = DeviceMessageResource.identityOf(exchange);
        if (!deviceId.equals(identity)) {
            exchange.respond(ResponseCode.FORBIDDEN, "forged_device: authenticated as '" + identity + "', cannot read '" + deviceId + "'");
            return;
        }
        onOwnRead.accept(this);
        Optional<byte[]> json = source.desired(deviceId);
        if (json.isEmpty()) {
            exchange.respond(ResponseCode.CONTENT, new byte[0], MediaTypeRegistry.APPLICATION_JSON);
            return;
        }
        if (exchange.getRequestOptions().getAccept() == MediaTypeRegistry.APPLICATION_CBOR) {
            try {
                exchange.respond(ResponseCode.CONTENT, CBOR.writeValueAsBytes(JSON.readTree(json.get())), MediaTypeRegistry.APPLICATION_CBOR);
            } catch (IOException e) {
                exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "cannot encode the configuration as CBOR");
            }
            return;
        }
        exchange.respond(ResponseCode.CONTENT, json.get(), MediaTypeRegistry.APPLICATION_JSON);
    }
}
