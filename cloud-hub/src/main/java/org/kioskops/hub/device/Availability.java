package org.kioskops.hub.device;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A device's availability over a window: its online and offline periods, clipped to the window, and the
 * share of the known time it was online. Time before the first known change is unknown, not offline.
 *
 * @param periods        consecutive periods, oldest first; consecutive changes to the same state are merged
 * @param availability   online time divided by known time, or null when no time is known
 */
public record Availability(String deviceId, Instant from, Instant to, Duration online, Duration offline, Duration unknown,
                           Double availability, List<Period> periods) {

    /** One stretch of time in one state; {@code cause} is set when offline. */
    public record Period(Connection connection, String cause, Instant from, Instant to) {
        Duration length() {
            return Duration.between(from, to);
        }
    }

    /** One change as stored. */
    public record Change(Instant at, Connection connection, String cause) {
    }

    /**
     * Builds the report from the changes in the window, oldest first, and the last change before it.
     *
     * @param before the last change before {@code from}, or null if there is none
     */
    public static Availability of(String deviceId, Instant from, Instant to, Change before, List<Change> changes) {
        List<Period> periods = new ArrayList<>();
        Change current = before;
        Instant start = from;
        for (Change change : changes) {
            if (current != null && current.connection() == change.connection()) {
                // a reconnect without an offline seen in between, or a repeated report: one period
                continue;
            }
            if (current != null && change.at().isAfter(start)) {
                periods.add(new Period(current.connection(), current.cause(), start, change.at()));
            }
            current = change;
            start = change.at().isBefore(from) ? from : change.at();
        }
        if (current != null && to.isAfter(start)) {
            periods.add(new Period(current.connection(), current.cause(), start, to));
        }
        Duration online = Duration.ZERO;
        Duration offline = Duration.ZERO;
        for (Period p : periods) {
            if (p.connection() == Connection.ONLINE) {
                online = online.plus(p.length());
            } else {
                offline = offline.plus(p.length());
            }
        }
        Duration known = online.plus(offline);
        Duration unknown = Duration.between(from, to).minus(known);
        Double share = known.isZero() ? null : (double) online.toMillis() / known.toMillis();
        return new Availability(deviceId, from, to, online, offline, unknown, share, List.copyOf(periods));
    }
}
