package org.kioskops.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The hub's receipt for a device's messages (contract 1.5), on {@code kioskops/v1/{deviceId}/receipt} at QoS 0,
 * sent to devices that asked for receipts in their birth. A PUBACK only says that the broker has a message; a
 * receipt says that the hub has settled it: {@code stored} (now or before: a resent message is stored once)
 * or {@code refused} for good, with the rejection's code. A device keeps every message until a receipt names
 * it, and sends again what no receipt named within its timeout; a lost receipt therefore costs one resend,
 * never a message.
 *
 * @param ts      the hub's clock when it sent the receipt
 * @param epoch   the numbering the sequence numbers belong to, as the device's latest birth named it; a device
 *                ignores a receipt for another epoch than its own
 * @param stored  ranges of sequence numbers the hub has stored, each {@code from} to {@code to} inclusive
 * @param refused messages the hub refused for good; sending them again would not help
 */
public record Receipt(String v, String deviceId, Instant ts, String epoch, List<Range> stored, List<Refusal> refused) {
    public Receipt {
        stored = stored == null ? List.of() : List.copyOf(stored);
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    /** Sequence numbers {@code from} to {@code to}, both included. */
    public record Range(long from, long to) {
        /** Whether {@code seq} is in the range. */
        public boolean contains(long seq) {
            return seq >= from && seq <= to;
        }
    }

    /** A message the hub refused for good, and the rejection code it was refused with. */
    public record Refusal(long seq, String code) {
    }

    /**
     * The ranges that {@code seqs}, in any order and with repeats, make up: consecutive numbers in one range.
     */
    public static List<Range> ranges(long[] seqs) {
        long[] sorted = seqs.clone();
        Arrays.sort(sorted);
        List<Range> ranges = new ArrayList<>();
        int i = 0;
        while (i < sorted.length) {
            long from = sorted[i];
            long to = from;
            while (++i < sorted.length && sorted[i] <= to + 1) {
                to = Math.max(to, sorted[i]);
            }
            ranges.add(new Range(from, to));
        }
        return ranges;
    }
}
