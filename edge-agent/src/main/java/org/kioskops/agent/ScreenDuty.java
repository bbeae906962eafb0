package org.kioskops.agent;

import java.time.Instant;
import java.util.Optional;
import org.kioskops.agent.hardware.ScreenMonitor;
import org.kioskops.protocol.KioskSettings;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.TelemetrySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the agent does about its screen besides reading it for telemetry: switches it by the hub's schedule, and
 * tells when its state differs from the last one reported, so that a dark screen reaches the hub at once rather
 * than at the next telemetry interval. Used on the agent's loop thread only.
 */
final class ScreenDuty {
    private static final Logger LOG = LoggerFactory.getLogger(ScreenDuty.class);

    private final String deviceId;
    private final Optional<ScreenMonitor> screen;
    private KioskSettings.ScreenSchedule schedule;
    /** What the schedule last switched the screen to; null before it did. */
    private Boolean scheduled;
    /** The state in the last telemetry sample; null before the first. */
    private ScreenState reported;

    ScreenDuty(String deviceId, Optional<ScreenMonitor> screen) {
        this.deviceId = deviceId;
        this.screen = screen;
    }

    /** A new schedule from the hub's settings (null: none); the next {@link #enforce} switches to it. */
    void schedule(KioskSettings.ScreenSchedule schedule) {
        this.schedule = schedule;
        this.scheduled = null;
    }

    /**
     * Switches the screen when the schedule says it should change, and only then: a screen switched by hand
     * (a command) stays so until the schedule's next change.
     */
    void enforce(Instant now) {
        if (schedule == null || screen.isEmpty()) {
            return;
        }
        boolean lit = schedule.lit(now);
        if (scheduled == null || lit != scheduled) {
            scheduled = lit;
            if (screen.get().setPower(lit)) {
                LOG.info("{} switched the screen {} by its schedule", deviceId, lit ? "on" : "off");
            } else {
                LOG.warn("{} cannot switch its screen {} as its schedule says", deviceId, lit ? "on" : "off");
            }
        }
    }

    /** Remembers what a telemetry sample said about the screen. */
    void reported(TelemetrySample sample) {
        reported = sample.screen() == null ? null : sample.screen().state();
    }

    /** Whether the screen now shows another state than the last sample reported. */
    boolean changedSinceReport() {
        return screen.isPresent() && reported != null && screen.get().read().state() != reported;
    }
}
