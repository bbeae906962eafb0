package org.kioskops.agent.config;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The store for messages the hub has not confirmed yet, kept on disk under {@code stateDir/outbox}.
 *
 * @param maxMessages          most messages kept; beyond it the oldest are dropped and counted. At the
 *                             default telemetry interval of 30 s, 20,000 messages hold about a week.
 * @param maxBytes             most bytes of segment files on disk; beyond it the oldest segment is dropped
 *                             whole and its messages counted. Default 64 MiB.
 * @param segmentBytes         size at which a new segment file is started, in bytes. Default 1 MiB.
 * @param fsync                when appended messages are forced to disk: {@code always} (before the message
 *                             is sent; survives a power cut), {@code interval} (at most every
 *                             {@code fsyncIntervalMillis}; a power cut may lose that much), {@code never}
 *                             (the kernel decides; survives a killed agent, not a power cut)
 * @param fsyncIntervalMillis  for {@code interval}: most milliseconds between two syncs. Default 1000.
 * @param replayPerSecond      most outbox messages sent per second, so that a district's boxes coming back
 *                             together do not flood the hub with their backlogs. Default 50.
 * @param confirmation         what takes a message out of the outbox: {@code hub} (the hub's receipt that it
 *                             stored the message, contract 1.5; the default) or {@code broker} (the broker's
 *                             acknowledgement, for a hub older than 1.5, which sends no receipts)
 * @param receiptTimeoutSeconds how long a message the broker took may stay without a receipt once the hub has
 *                             confirmed a later one, before it is sent again, in seconds. Default 30.
 * @param maxUnconfirmed       most messages out of the outbox (sent, not confirmed) at a time; the rest waits on
 *                             disk while the hub is away. Default 200.
 */
public record OutboxSettings(Integer maxMessages, Long maxBytes, Integer segmentBytes, Fsync fsync,
                             Integer fsyncIntervalMillis, Integer replayPerSecond, Confirmation confirmation,
                             Integer receiptTimeoutSeconds, Integer maxUnconfirmed) {
    public OutboxSettings {
        maxMessages = maxMessages == null ? 20_000 : maxMessages;
        maxBytes = maxBytes == null ? 64L * 1024 * 1024 : maxBytes;
        segmentBytes = segmentBytes == null ? 1024 * 1024 : segmentBytes;
        fsync = fsync == null ? Fsync.ALWAYS : fsync;
        fsyncIntervalMillis = fsyncIntervalMillis == null ? 1000 : fsyncIntervalMillis;
        replayPerSecond = replayPerSecond == null ? 50 : replayPerSecond;
        confirmation = confirmation == null ? Confirmation.HUB : confirmation;
        receiptTimeoutSeconds = receiptTimeoutSeconds == null ? 30 : receiptTimeoutSeconds;
        maxUnconfirmed = maxUnconfirmed == null ? 200 : maxUnconfirmed;
    }

    /** Settings with the 1.5 confirmation keys at their defaults. */
    public OutboxSettings(Integer maxMessages, Long maxBytes, Integer segmentBytes, Fsync fsync, Integer fsyncIntervalMillis,
                          Integer replayPerSecond) {
        this(maxMessages, maxBytes, segmentBytes, fsync, fsyncIntervalMillis, replayPerSecond, null, null, null);
    }

    /** Every default. */
    public static OutboxSettings defaults() {
        return new OutboxSettings(null, null, null, null, null, null);
    }

    /** The same settings with another confirmation, receipt timeout and window. */
    public OutboxSettings withConfirmation(Confirmation confirmation, int receiptTimeoutSeconds, int maxUnconfirmed) {
        return new OutboxSettings(maxMessages, maxBytes, segmentBytes, fsync, fsyncIntervalMillis, replayPerSecond, confirmation,
                receiptTimeoutSeconds, maxUnconfirmed);
    }

    void validate(ConfigErrors errors) {
        errors.range("outbox.maxMessages", maxMessages, 10, 1_000_000);
        errors.range("outbox.segmentBytes", segmentBytes, 64 * 1024, 64 * 1024 * 1024);
        if (maxBytes < 2L * segmentBytes) {
            errors.add("outbox.maxBytes", "must hold at least two segments (2 x outbox.segmentBytes = " + 2L * segmentBytes + ")",
                    maxBytes);
        }
        errors.range("outbox.fsyncIntervalMillis", fsyncIntervalMillis, 10, 60_000);
        errors.range("outbox.replayPerSecond", replayPerSecond, 1, 10_000);
        errors.range("outbox.receiptTimeoutSeconds", receiptTimeoutSeconds, 1, 3600);
        errors.range("outbox.maxUnconfirmed", maxUnconfirmed, 1, 10_000);
    }

    /** What takes a message out of the outbox. */
    public enum Confirmation {
        /** The hub's receipt: the message is stored (contract 1.5). */
        HUB,
        /** The broker's acknowledgement: for a hub that sends no receipts. */
        BROKER;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** When appended messages are forced to disk. */
    public enum Fsync {
        ALWAYS, INTERVAL, NEVER;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
