package org.kioskops.hub.support;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.ConfigProvider;
import org.kioskops.sim.FleetOptions;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.SimulatedFleet;

/**
 * Simulated kiosks on the real agent code for tests that inject what happens to them: registered through the
 * hub's API (once), connected to the hub's broker, with the simulated residents and kiosk app kept still.
 */
public final class SimulatedKiosks {
    private SimulatedKiosks() {
    }

    /**
     * @param stateDir where the agents keep their state across restarts, or null for none
     * @param clock    the kiosks' clock (the hub's controlled one, or one running ahead)
     */
    public static SimulatedFleet start(URL hub, FleetPlan plan, Path stateDir, Clock clock, FleetOptions tuning) throws Exception {
        if (given().get("/api/devices/" + plan.kiosks().get(0).deviceId()).statusCode() == 404) {
            new HubRegistrar(URI.create(hub.toString())).register(plan);
        }
        FleetOptions options = tuning;
        if (stateDir != null) {
            options = options.withStateDir(stateDir);
        }
        SimulatedFleet fleet = SimulatedFleet.start(plan, options, clock);
        fleet.pauseActivity();
        return fleet;
    }

    /** Kiosks that sample telemetry once a minute unless asked, on the wall clock. */
    public static SimulatedFleet start(URL hub, FleetPlan plan, Path stateDir) throws Exception {
        return start(hub, plan, stateDir, Clock.systemUTC(), defaults());
    }

    /** Options on the hub's broker: no simulated activity, telemetry once a minute. */
    public static FleetOptions defaults() {
        return FleetOptions.defaults(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class))
                .withActivity(0).withTelemetryInterval(Duration.ofSeconds(60));
    }
}
