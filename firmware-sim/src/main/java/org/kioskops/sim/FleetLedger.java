package org.kioskops.sim;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.kioskops.agent.DeliveryListener;
import org.kioskops.agent.uplink.OutboundMessage;

/**
 * Every reading (telemetry and event batches) the simulated kiosks created, and the ones each was told is safe:
 * the reference a sequence check holds the hub's tables against. A kiosk's agent may be replaced (killed and
 * started again on its state); the ledger is the box's, so it outlives them.
 */
public final class FleetLedger {
    private final Map<String, Set<Long>> created = new ConcurrentHashMap<>();
    private final Map<String, Set<Long>> confirmed = new ConcurrentHashMap<>();

    /** The listener a kiosk's agents report to. */
    DeliveryListener listenerFor(String deviceId) {
        Set<Long> made = created.computeIfAbsent(deviceId, d -> ConcurrentHashMap.newKeySet());
        Set<Long> safe = confirmed.computeIfAbsent(deviceId, d -> ConcurrentHashMap.newKeySet());
        return new DeliveryListener() {
            @Override
            public void queued(OutboundMessage message) {
                if (isReading(message)) {
                    made.add(message.seq());
                }
            }

            @Override
            public void confirmed(OutboundMessage message) {
                if (isReading(message)) {
                    safe.add(message.seq());
                }
            }
        };
    }

    private static boolean isReading(OutboundMessage message) {
        return message.topic().endsWith("/telemetry") || message.topic().endsWith("/events");
    }

    /** The readings each kiosk was told are safe, by device id (a copy). */
    public Map<String, Set<Long>> confirmed() {
        return copy(confirmed);
    }

    /** The readings each kiosk created, by device id (a copy). */
    public Map<String, Set<Long>> created() {
        return copy(created);
    }

    /** How many of {@code readings} (by device id) are not confirmed yet. */
    public long unconfirmed(Map<String, Set<Long>> readings) {
        long count = 0;
        for (Map.Entry<String, Set<Long>> e : readings.entrySet()) {
            Set<Long> safe = confirmed.getOrDefault(e.getKey(), Set.of());
            for (Long seq : e.getValue()) {
                if (!safe.contains(seq)) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Readings created in all. */
    public long createdCount() {
        return created.values().stream().mapToLong(Set::size).sum();
    }

    /** Readings confirmed in all. */
    public long confirmedCount() {
        return confirmed.values().stream().mapToLong(Set::size).sum();
    }

    private static Map<String, Set<Long>> copy(Map<String, Set<Long>> map) {
        Map<String, Set<Long>> copy = new TreeMap<>();
        map.forEach((device, seqs) -> copy.put(device, Set.copyOf(seqs)));
        return copy;
    }
}
