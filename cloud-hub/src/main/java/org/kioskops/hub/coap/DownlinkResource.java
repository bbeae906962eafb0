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
 * What the hub has for one device, readable and observable by that device only: {@code config}, its desired
 * configuration (the document the MQTT broker keeps retained on {@code kioskops/v1/{deviceId}/config}), and
 * {@code commands}, the array of its pending commands. JSON, or CBOR with Accept 60; an empty 2.05 when there is
 * nothing. Observers are notified, confirmably, whenever it changes.
 */
final class DownlinkResource extends CoapResource {    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CBORMapper CBOR = new CBORMapper();

    /** Where the document comes from: its JSON, empty for none. */
    @FunctionalInterface
    interface Source {
        Optional<byte[]> read(String deviceId);
    }

    private final String deviceId;
    private final Source source;
    private final Consumer<DownlinkResource> onOwnRead;

    DownlinkResource(String name, String deviceId, Source source, Consumer<DownlinkResource> onOwnRead) {
        super(name);
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
        Optional<byte[]> json = source.read(deviceId);
        if (json.isEmpty()) {
            exchange.respond(ResponseCode.CONTENT, new byte[0], MediaTypeRegistry.APPLICATION_JSON);
            return;
        }
        if (exchange.getRequestOptions().getAccept() == MediaTypeRegistry.APPLICATION_CBOR) {
            try {
                exchange.respond(ResponseCode.CONTENT, CBOR.writeValueAsBytes(JSON.readTree(json.get())), MediaTypeRegistry.APPLICATION_CBOR);
            } catch (IOException e) {
                exchange.respond(ResponseCode.INTERNAL_SERVER_ERROR, "cannot encode as CBOR");
            }
            return;
        }
        exchange.respond(ResponseCode.CONTENT, json.get(), MediaTypeRegistry.APPLICATION_JSON);
    }
}
