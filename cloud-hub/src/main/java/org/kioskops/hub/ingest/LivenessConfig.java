package org.kioskops.hub.ingest;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * When a device counts as gone. Online and offline come from the device's status and its will; a device
 * that declared its keep-alive in its birth (contract 1.1) is also taken offline, with cause
 * {@code silent}, when nothing arrives from it for 1.5 keep-alives plus {@link #silenceMargin()}; a device that
 * declared none, after {@link #silenceWithoutKeepAlive()}.
 */
@ConfigMapping(prefix = "kioskops.liveness")
public interface LivenessConfig {
    /**
     * Added to 1.5 keep-alives before a device counts as silent: room for delivery and ingest delays (an
     * agent sends at least every 1.25 keep-alives, which leaves another quarter keep-alive). With the check
     * interval, a silent device is offline within 1.5 keep-alives + 5 s of its last message.
     */
    @WithDefault("4s")
    Duration silenceMargin();

    /**
     * How long a device that declared no keep-alive in its birth (contract 1.0, or a maker who left it out) may send
     * nothing before it counts as silent and goes offline; {@code 0s} never takes such a device offline. Without it, a
     * box that died without a will would stay online for ever.
     */
    @WithDefault("10m")
    Duration silenceWithoutKeepAlive();

    /** How often each ingest worker looks for silent devices. */
    @WithDefault("500ms")
    Duration checkInterval();
}
