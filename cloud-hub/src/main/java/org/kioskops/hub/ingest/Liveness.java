package org.kioskops.hub.ingest;

import java.time.Duration;
import java.time.Instant;
import org.kioskops.hub.device.OfflineCause;
import org.kioskops.protocol.Birth;

/** Pure rules of liveness: when a device counts as silent, and what a returning device says about its absence. */
final class Liveness {
    /** Boot times derived from uptime jitter by a second or so; a reboot moves them by far more. */
    private static final Duration BOOT_TOLERANCE = Duration.ofSeconds(5);

    private Liveness() {
    }

    /**
     * When a device that declared {@code keepAliveSeconds} and was last heard of at {@code lastSeen} counts as
     * silent: its agent sends something at least every 1.25 keep-alives, so 1.5 keep-alives plus {@code margin}
     * without a message means it is gone even if its connection still looks open.
     */
    static Instant silentAfter(Instant lastSeen, int keepAliveSeconds, Duration margin) {
        return lastSeen.plusMillis(keepAliveSeconds * 1500L).plus(margin);
    }

    /**
     * The cause of an absence, refined by the birth a device sends when it comes back.
     *
     * @param recorded       the cause recorded when it went offline
     * @param previousBoot   when the box had booted before it went away, or null if unknown
     * @param previousStart  when its agent had started before it went away, or null if unknown
     */
    static OfflineCause refine(OfflineCause recorded, Instant previousBoot, Instant previousStart, Birth birth) {
        boolean rebooted = birth.bootedAt() != null && previousBoot != null
                && birth.bootedAt().isAfter(previousBoot.plus(BOOT_TOLERANCE));
        boolean agentRestarted = birth.startedAt() != null && previousStart != null && birth.startedAt().isAfter(previousStart);
        boolean stoppedCleanly = birth.lastStop() == null
                ? recorded == OfflineCause.SHUTDOWN || recorded == OfflineCause.RESTART
                : birth.lastStop() == Birth.LastStop.CLEAN;
        if (rebooted) {
            return stoppedCleanly ? OfflineCause.REBOOT : OfflineCause.POWER_LOSS;
        }
        if (agentRestarted && !stoppedCleanly) {
            return OfflineCause.AGENT_CRASH;
        }
        if (agentRestarted && recorded != OfflineCause.RESTART) {
            // stopped cleanly, but its offline status was lost on the way
            return OfflineCause.SHUTDOWN;
        }
        return recorded;
    }
}
