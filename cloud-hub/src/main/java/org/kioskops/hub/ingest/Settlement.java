package org.kioskops.hub.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.Receipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How each message of a batch ends, once the batch is stored: counted, acknowledged to its transport, and
 * owed a receipt when its device asked for receipts; or refused for good, counted, listed and acknowledged.
 * Receipts gather over batches for up to the receipt linger and go out together ({@link #sendReceipts(boolean)}).
 * Confined to its worker's thread.
 */
final class Settlement {
    private static final Logger LOG = LoggerFactory.getLogger(Settlement.class);
    private static final ObjectMapper ENVELOPE = new ObjectMapper();

    private final IngestMetrics metrics;
    private final RejectionLog rejections;
    private final Clock clock;
    private final ReceiptSender sender;
    private final ReceiptBook book = new ReceiptBook();
    private final long lingerNanos;

    Settlement(IngestMetrics metrics, RejectionLog rejections, Clock clock, ReceiptSender sender, Duration receiptLinger) {
        this.lingerNanos = receiptLinger.toNanos();
        this.metrics = metrics;
        this.rejections = rejections;
        this.clock = clock;
        this.sender = sender;
    }

    /** A stored batch's message: what the applier made of it decides how it is counted. */
    void settle(InboundMessage raw, DeviceMessage message, MessageApplier.Result result, LiveDevice device) {
        String kind = message.kind().segment();
        if (result instanceof MessageApplier.Accepted accepted) {
            metrics.accepted(kind);
            metrics.sequence(accepted.deviceId(), accepted.missing(), accepted.gapsDetected());
            metrics.latency(message.ts(), clock.instant());
            book.stored(device, message.seq());
            LOG.debug("{} {} seq {} stored", message.deviceId(), kind, message.seq());
        } else if (result instanceof MessageApplier.Duplicate duplicate) {
            if (!duplicate.retainedReplay()) {
                metrics.duplicate(kind);
                book.stored(device, message.seq());
            }
            LOG.debug("{} {} seq {} already stored", message.deviceId(), kind, message.seq());
        } else if (result instanceof MessageApplier.Refused refused) {
            reject(raw, message.deviceId(), device, message.seq(), refused.error().code(), null, refused.detail());
            return;
        }
        raw.acknowledgement().acknowledge();
    }

    /**
     * Counts and logs a refused message and settles it as refused; the device learns it from a receipt when it
     * asked for them and the message's number is known ({@code seq} null: read from the payload if it can be).
     */
    void reject(InboundMessage raw, String deviceId, LiveDevice device, Long seq, String code, String field, String detail) {
        metrics.rejected(code);
        rejections.add(new Rejection(clock.instant(), raw.topic(), deviceId, code, field, detail));
        LOG.debug("{} message on {} rejected: {} {} {}", deviceId, raw.topic(), code, field == null ? "" : field, detail);
        if (device != null && device.receipts) {
            Long number = seq != null ? seq : seqOf(raw.payload(), deviceId);
            if (number != null) {
                book.refused(device, number, code);
            }
        }
        raw.acknowledgement().rejected(code, field, detail);
    }

    /** Sends the receipts owed, once the oldest has waited the receipt linger, or now when {@code now}. */
    void sendReceipts(boolean now) {
        if (book.isEmpty() || !now && System.nanoTime() - book.oldestNanos() < lingerNanos) {
            return;
        }
        for (Receipt receipt : book.drain(clock.instant())) {
            metrics.receipt(sender.send(receipt));
        }
    }

    /** The sequence number of a message that failed validation, when its envelope names one for this device. */
    private static Long seqOf(byte[] payload, String deviceId) {
        try {
            JsonNode root = ENVELOPE.readTree(payload);
            if (root != null && root.path("deviceId").asText("").equals(deviceId) && root.path("seq").canConvertToExactIntegral()
                    && root.path("seq").asLong(-1) >= 0) {
                return root.path("seq").asLong();
            }
        } catch (IOException | RuntimeException e) {
            // not even an envelope: nothing to name in a receipt
        }
        return null;
    }
}
