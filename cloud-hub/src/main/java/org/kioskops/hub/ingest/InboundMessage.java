package org.kioskops.hub.ingest;

import java.time.Instant;

/**
 * A message as its transport delivered it (the broker, or the CoAP endpoint under the device's topic), before
 * decoding. The pipeline settles {@code acknowledgement} only once the message is stored or definitively
 * rejected.
 */
public record InboundMessage(String topic, byte[] payload, boolean retained, Instant receivedAt, Acknowledgement acknowledgement) {

    /** Lets the transport release a delivered message. */
    @FunctionalInterface
    public interface Acknowledgement {
        /** The message is stored (or was already); the transport need not deliver it again. */
        void acknowledge();

        /**
         * The message is refused for good, with the reason's code, the offending field (may be null) and a
         * detail; a transport that can answer the device (CoAP) says why, the broker only forgets it.
         */
        default void rejected(String code, String field, String detail) {
            acknowledge();
        }
    }
}
