package org.kioskops.hub.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.Limits;
import org.kioskops.protocol.Receipt;

/**
 * The receipts owed and not sent yet: per device that asked for them (and per sequence epoch, should it restart its
 * numbering meanwhile), the numbers stored (or stored before) and the numbers refused for good.
 */
final class ReceiptBook {
    private final Map<String, Owed> owed = new LinkedHashMap<>();
    private long oldestNanos;

    /** A message of {@code device} is stored, now or by an earlier copy. */
    void stored(LiveDevice device, long seq) {
        if (device != null && device.receipts) {
            owed(device).stored.add(seq);
        }
    }

    /** A message of {@code device} is refused for good with {@code code}. */
    void refused(LiveDevice device, long seq, String code) {
        if (device != null && device.receipts) {
            owed(device).refused.add(new Receipt.Refusal(seq, code));
        }
    }

    boolean isEmpty() {
        return owed.isEmpty();
    }

    /** When the oldest receipt now owed was first owed ({@link System#nanoTime()}). */
    long oldestNanos() {
        return oldestNanos;
    }

    /** The receipts, at most {@link Limits#MAX_RECEIPT_ENTRIES} ranges and refusals each; then forgets them. */
    List<Receipt> drain(Instant now) {
        List<Receipt> receipts = new ArrayList<>();
        for (Map.Entry<String, Owed> e : owed.entrySet()) {
            Owed o = e.getValue();
            List<Receipt.Range> ranges = Receipt.ranges(o.stored.stream().mapToLong(Long::longValue).toArray());
            int chunks = Math.max(chunks(ranges.size()), chunks(o.refused.size()));
            for (int i = 0; i < chunks; i++) {
                receipts.add(new Receipt(DeviceMessage.VERSION, o.deviceId, now, o.epoch, slice(ranges, i), slice(o.refused, i)));
            }
        }
        owed.clear();
        return receipts;
    }

    private Owed owed(LiveDevice device) {
        if (owed.isEmpty()) {
            oldestNanos = System.nanoTime();
        }
        return owed.computeIfAbsent(device.id + '\n' + device.seqEpoch, key -> new Owed(device.id, device.seqEpoch));
    }

    private static int chunks(int size) {
        return (size + Limits.MAX_RECEIPT_ENTRIES - 1) / Limits.MAX_RECEIPT_ENTRIES;
    }

    private static <T> List<T> slice(List<T> list, int chunk) {
        int from = Math.min(list.size(), chunk * Limits.MAX_RECEIPT_ENTRIES);
        return list.subList(from, Math.min(list.size(), from + Limits.MAX_RECEIPT_ENTRIES));
    }

    private static final class Owed {
        final String deviceId;
        final String epoch;
        final List<Long> stored = new ArrayList<>();
        final List<Receipt.Refusal> refused = new ArrayList<>();

        Owed(String deviceId, String epoch) {
            this.deviceId = deviceId;
            this.epoch = epoch;
        }
    }
}
