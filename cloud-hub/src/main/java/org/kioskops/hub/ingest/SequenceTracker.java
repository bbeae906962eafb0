package org.kioskops.hub.ingest;

import java.util.Map;
import java.util.TreeMap;

/**
 * Bookkeeping of one device's sequence numbers: the highest seen, the numbers still missing below it
 * (as ranges), and counts of gaps found, gaps later filled by late messages, and duplicates.
 *
 * <p>A jump ahead marks the skipped numbers missing; a late message that fills one is "recovered", not a
 * duplicate, because replay after an outage delivers old numbers after new ones. A numbering starts at 0
 * (the contract's rule, and again after a new epoch), so the first number seen marks those below it
 * missing: a message created before the birth but sent after it arrives late, not twice. At most
 * {@link #MAX_RANGES} ranges are kept; beyond that the oldest is given up as lost.
 */
final class SequenceTracker {
    static final int MAX_RANGES = 1000;

    /** What one observed number meant. */
    enum Outcome {
        /** The next expected number, or the first ever seen. */
        IN_ORDER,
        /** Ahead of the next expected: the numbers in between are now missing. */
        GAP,
        /** A number that was missing and has now arrived. */
        RECOVERED,
        /** Already seen. */
        DUPLICATE
    }

    private Long highest;
    private final TreeMap<Long, Long> missing = new TreeMap<>();
    private long missingCount;
    private long gapsDetected;
    private long recovered;
    private long duplicates;
    private long received;

    SequenceTracker(Long highest, String ranges, long gapsDetected, long recovered, long duplicates, long received) {
        this.highest = highest;
        this.gapsDetected = gapsDetected;
        this.recovered = recovered;
        this.duplicates = duplicates;
        this.received = received;
        if (ranges != null && !ranges.isBlank()) {
            for (String range : ranges.split(",")) {
                int dash = range.indexOf('-');
                long from = Long.parseLong(range.substring(0, dash));
                long to = Long.parseLong(range.substring(dash + 1));
                missing.put(from, to);
                missingCount += to - from + 1;
            }
        }
    }

    static SequenceTracker empty() {
        return new SequenceTracker(null, null, 0, 0, 0, 0);
    }

    /** Records a received message's number. */
    Outcome observe(long seq) {
        received++;
        Outcome outcome = place(seq);
        if (outcome == Outcome.DUPLICATE) {
            duplicates++;
        } else if (outcome == Outcome.RECOVERED) {
            recovered++;
        }
        return outcome;
    }

    /**
     * Records a number the device used without sending it yet (the will reserved at connect, declared in
     * the birth): it is not missing, and its later arrival is not a duplicate worth counting.
     */
    void reserve(long seq) {
        place(seq);
    }

    /** Whether {@code seq} has been received (or reserved) already. */
    boolean seen(long seq) {
        if (highest == null || seq > highest) {
            return false;
        }
        Map.Entry<Long, Long> range = missing.floorEntry(seq);
        return range == null || range.getValue() < seq;
    }

    /** The lowest number not seen yet: the start of the oldest missing range, or the one after the highest. */
    long lowestUnseen() {
        if (!missing.isEmpty()) {
            return missing.firstKey();
        }
        return highest == null ? 0 : highest + 1;
    }

    /** Forgets everything: the device's numbering started again. */
    void reset() {
        highest = null;
        missing.clear();
        missingCount = 0;
    }

    private Outcome place(long seq) {
        if (highest == null) {
            highest = seq;
            if (seq == 0) {
                return Outcome.IN_ORDER;
            }
            missing.put(0L, seq - 1);
            missingCount += seq;
            gapsDetected += seq;
            return Outcome.GAP;
        }
        if (seq > highest) {
            long skipped = seq - highest - 1;
            Outcome outcome = Outcome.IN_ORDER;
            if (skipped > 0) {
                missing.put(highest + 1, seq - 1);
                missingCount += skipped;
                gapsDetected += skipped;
                trim();
                outcome = Outcome.GAP;
            }
            highest = seq;
            return outcome;
        }
        Map.Entry<Long, Long> range = missing.floorEntry(seq);
        if (range == null || range.getValue() < seq) {
            return Outcome.DUPLICATE;
        }
        long from = range.getKey();
        long to = range.getValue();
        missing.remove(from);
        if (from < seq) {
            missing.put(from, seq - 1);
        }
        if (seq < to) {
            missing.put(seq + 1, to);
        }
        missingCount--;
        trim();
        return Outcome.RECOVERED;
    }

    private void trim() {
        while (missing.size() > MAX_RANGES) {
            Map.Entry<Long, Long> oldest = missing.pollFirstEntry();
            missingCount -= oldest.getValue() - oldest.getKey() + 1;
        }
    }

    Long highest() {
        return highest;
    }

    /** Numbers below the highest that have not arrived. */
    long missing() {
        return missingCount;
    }

    long gapsDetected() {
        return gapsDetected;
    }

    long recovered() {
        return recovered;
    }

    long duplicates() {
        return duplicates;
    }

    long received() {
        return received;
    }

    /** The missing ranges as {@code from-to,from-to}; null when none. */
    String ranges() {
        if (missing.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<Long, Long> range : missing.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(range.getKey()).append('-').append(range.getValue());
        }
        return text.toString();
    }
}
