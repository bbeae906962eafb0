package org.kioskops.hub.site;

/**
 * Device counts of a site subtree. {@code faulty} counts devices with at least one active fault, whether
 * online or not; {@code pending} devices have no site and appear only in fleet totals.
 */
public record DeviceCounts(long total, long online, long offline, long neverSeen, long pending, long faulty) {
    public static final DeviceCounts ZERO = new DeviceCounts(0, 0, 0, 0, 0, 0);

    public DeviceCounts plus(DeviceCounts other) {
        return new DeviceCounts(total + other.total, online + other.online, offline + other.offline,
                neverSeen + other.neverSeen, pending + other.pending, faulty + other.faulty);
    }
}
