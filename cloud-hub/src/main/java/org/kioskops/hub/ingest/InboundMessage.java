package org.kioskops.hub.ingest;

import java.time.Instant;

/**
 * A message as the broker delivered it, before decoding. {@code acknowledgement} tells the broker it may
 * forget the message; the pipeline calls it only once the message is stored or definitively rejected.
 */
public record InboundMessage(String topic, byte[] payload, boolean retained, Instant receivedAt, Acknowledgement acknowledgement) {

    /** Lets the transport release a delivered message. */
    @FunctionalInterface
    public interface Acknowledgement {
        /** The message is stored or rejected for good; the broker need not redeliver it. */
        void acknowledge();
    }
}
