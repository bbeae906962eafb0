package org.kioskops.hub.coap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.kioskops.hub.ingest.InboundMessage;
import org.kioskops.hub.ingest.IngestError;
import org.kioskops.hub.ingest.IngestPipeline;
import org.kioskops.protocol.MessageKind;
import org.kioskops.protocol.ProtocolError;
import org.kioskops.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /kioskops/v1/{deviceId}/{kind}}: a device's message, exactly as it would publish it on the MQTT
 * topic of the same name, in JSON (content format 50) or CBOR (60). The DTLS identity must be the device of the
 * path. The message goes through the same ingest pipeline as MQTT, and the answer is sent only once it is
 * stored: 2.04 Changed when stored (or already stored: a retransmission), 4.00 Bad Request with the reason when
 * refused, 4.03 Forbidden for another device's path, 4.15 for another content format.
 */
final class DeviceMessageResource extends CoapResource {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceMessageResource.class);

    private final IngestPipeline pipeline;
    private final Clock clock;

    DeviceMessageResource(IngestPipeline pipeline, Clock clock) {
        super("messages");
        this.pipeline = pipeline;
        this.clock = clock;
    }

    @Override
    public void handlePOST(CoapExchange exchange) {
        List<String> path = exchange.getRequestOptions().getUriPath();
        if (path.size() != 4) {
            exchange.respond(ResponseCode.NOT_FOUND, "POST to /kioskops/v1/{deviceId}/{kind}");
            return;
        }
        String deviceId = path.get(2);
        String topic = Topics.ROOT + "/" + deviceId + "/" + path.get(3);
        String identity = identityOf(exchange);
        if (!deviceId.equals(identity)) {
            pipeline.refused(topic, identity, IngestError.FORGED_DEVICE, "authenticated as '" + identity + "'");
            exchange.respond(ResponseCode.FORBIDDEN, IngestError.FORGED_DEVICE.code() + ": authenticated as '" + identity
                    + "', cannot post for '" + deviceId + "'");
            return;
        }
        if (MessageKind.ofSegment(path.get(3)).isEmpty()) {
            // the DTLS identity proves whose message it is: listed under the device, unlike an MQTT message on a stray topic
            String detail = "unknown message kind '" + (path.get(3).length() > 64 ? path.get(3).substring(0, 64) + "..." : path.get(3)) + "'";
            pipeline.refused(topic, deviceId, ProtocolError.TOPIC_INVALID, detail);
            exchange.respond(ResponseCode.BAD_REQUEST, ProtocolError.TOPIC_INVALID.code() + ": " + detail);
            return;
        }
        byte[] payload;
        int format = exchange.getRequestOptions().getContentFormat();
        if (format == MediaTypeRegistry.APPLICATION_CBOR) {
            try {
                payload = CborJson.toJson(exchange.getRequestPayload());
            } catch (IOException e) {
                String detail = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
                pipeline.refused(topic, deviceId, IngestError.MALFORMED_CBOR, detail);
                exchange.respond(ResponseCode.BAD_REQUEST, IngestError.MALFORMED_CBOR.code() + ": " + detail);
                return;
            }
        } else if (format == MediaTypeRegistry.APPLICATION_JSON || format == MediaTypeRegistry.UNDEFINED) {
            payload = exchange.getRequestPayload();
        } else {
            pipeline.refused(topic, deviceId, IngestError.UNSUPPORTED_CONTENT_FORMAT, "content format " + format);
            exchange.respond(ResponseCode.UNSUPPORTED_CONTENT_FORMAT, IngestError.UNSUPPORTED_CONTENT_FORMAT.code()
                    + ": send application/json (50) or application/cbor (60), not " + MediaTypeRegistry.toString(format));
            return;
        }
        try {
            pipeline.submit(new InboundMessage(topic, payload, false, clock.instant(), new Answer(exchange)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            exchange.respond(ResponseCode.SERVICE_UNAVAILABLE);
        }
    }

    /** The DTLS PSK identity the request came with; null without one. */
    static String identityOf(CoapExchange exchange) {
        Principal peer = exchange.advanced().getRequest().getSourceContext().getPeerIdentity();
        return peer instanceof PreSharedKeyIdentity psk ? psk.getIdentity() : null;
    }

    /** Answers the device once the pipeline has settled its message. */
    private record Answer(CoapExchange exchange) implements InboundMessage.Acknowledgement {
        @Override
        public void acknowledge() {
            exchange.respond(ResponseCode.CHANGED);
        }

        @Override
        public void rejected(String code, String field, String detail) {
            String reason = code + (field == null ? "" : " " + field) + (detail == null ? "" : ": " + detail);
            LOG.debug("CoAP message refused: {}", reason);
            byte[] text = reason.getBytes(StandardCharsets.UTF_8);
            exchange.respond(ResponseCode.BAD_REQUEST, text.length > 512 ? Arrays.copyOf(text, 512) : text,
                    MediaTypeRegistry.TEXT_PLAIN);
        }
    }
}
