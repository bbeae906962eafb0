package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.protocol.time.ScaledClock;

/** The hub's time, so that a fleet simulator can run on the same (possibly accelerated) clock. */
@Path("/api/clock")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Clock")
public class ClockResource {
    @Inject
    Clock clock;

    /**
     * The hub's clock.
     *
     * @param now    the hub's time now
     * @param speed  its seconds per real second: 1 for wall time
     * @param anchor for speed above 1: the real instant from which the hub's time runs fast (both read the same there)
     */
    public record ClockDto(Instant now, double speed, Instant anchor) {
    }

    @GET
    @Operation(summary = "The hub's time now, and its speed and anchor when it runs simulated time")
    public ClockDto clock() {
        return clock instanceof ScaledClock scaled ? new ClockDto(scaled.instant(), scaled.speed(), scaled.anchor())
                : new ClockDto(clock.instant(), 1.0, null);
    }
}
