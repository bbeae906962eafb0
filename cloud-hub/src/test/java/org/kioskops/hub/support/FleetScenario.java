package org.kioskops.hub.support;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.kioskops.agent.hardware.sim.SimulatedLockerBank;
import org.kioskops.protocol.BrokerTrust;
import org.kioskops.protocol.MessageKind;
import org.kioskops.protocol.Topics;
import org.kioskops.sim.FleetOptions;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.SimulatedFleet;
import org.kioskops.testing.MqttProbe;

/**
 * The walking-skeleton flow, shared by the runs on the embedded defaults and on the machine's services:
 * a simulated fleet registered through the REST API, running the real agent code against the hub's broker.
 */
public final class FleetScenario implements AutoCloseable {
    private final String hub;
    private final String broker;
    private final FleetPlan plan;
    private final String city;
    private SimulatedFleet fleet;
    private Map<String, String> secrets = Map.of();
    private Path caFile;

    public FleetScenario(String hub, String broker, int kiosks, int communities) {
        this.hub = hub;
        this.broker = broker;
        String run = Long.toString(System.nanoTime(), 36);
        this.plan = FleetPlan.generate(kiosks, communities, 42, "e2e-" + run, run + "-");
        this.city = plan.sites().get(0).id();
    }

    public FleetPlan plan() {
        return plan;
    }

    public String city() {
        return city;
    }

    public SimulatedFleet fleet() {
        return fleet;
    }

    /** Kiosks verify an {@code ssl://} broker against this CA file. */
    public FleetScenario withCaFile(Path caFile) {
        this.caFile = caFile;
        return this;
    }

    /** Registers sites and kiosks through the API, then starts every kiosk. */
    public FleetScenario start() throws Exception {
        secrets = new HubRegistrar(URI.create(hub)).register(plan);
        fleet = SimulatedFleet.start(plan, FleetOptions.defaults(broker).withSecrets(secrets).withCaFile(caFile)
                .withTelemetryInterval(Duration.ofSeconds(2))
                .withTick(Duration.ofMillis(200))
                .withActivity(0.5));
        return this;
    }

    /** Counts of the fleet's city, from {@code GET /api/sites/{city}}. */
    public Map<String, Integer> cityCounts() {
        return given().get(hub + "/api/sites/" + city).then().statusCode(200).extract().jsonPath().getMap("counts");
    }

    /** Devices of the fleet with the given status, from {@code GET /api/devices}. */
    public List<String> devices(String status) {
        return given().queryParam("site", city).queryParam("status", status).get(hub + "/api/devices")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    public void awaitCounts(String what, int online, int offline) {
        await(what).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(cityCounts()).containsEntry("online", online).containsEntry("offline", offline)
                        .containsEntry("total", plan.kiosks().size()));
    }

    /** The compartments the hub shows for a kiosk, as "bank/no:occupied" strings. */
    public List<String> hubCompartments(String deviceId) {
        JsonPath details = given().get(hub + "/api/devices/" + deviceId).then().statusCode(200).extract().jsonPath();
        List<String> states = new ArrayList<>();
        List<Map<String, Object>> banks = details.getList("lockers");
        for (Map<String, Object> bank : banks) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> compartments = (List<Map<String, Object>>) bank.get("compartments");
            for (Map<String, Object> c : compartments) {
                states.add(bank.get("bank") + "/" + c.get("no") + ":" + c.get("occupied"));
            }
        }
        return states;
    }

    /** The compartments the simulator holds for a kiosk, in the same form. */
    public List<String> simulatedCompartments(String deviceId) {
        List<String> states = new ArrayList<>();
        for (SimulatedLockerBank bank : fleet.kiosk(deviceId).banks()) {
            bank.read().forEach(c -> states.add(bank.id() + "/" + c.no() + ":" + c.occupied()));
        }
        return states;
    }

    /** Ids of the first {@code n} kiosks. */
    public List<String> firstKiosks(int n) {
        return plan.kiosks().stream().limit(n).map(FleetPlan.KioskPlan::deviceId).collect(Collectors.toList());
    }

    @Override
    public void close() throws IOException {
        if (fleet != null) {
            fleet.stop(Duration.ofSeconds(5));
        }
        // leave no retained state behind on a shared broker; each kiosk may only clear its own
        for (FleetPlan.KioskPlan k : plan.kiosks()) {
            MqttProbe.Connector connector = MqttProbe.to(broker).as(k.deviceId(), secrets.get(k.deviceId()));
            if (caFile != null) {
                connector.tls(BrokerTrust.socketFactory(caFile));
            }
            try (MqttProbe probe = connector.connect()) {
                probe.publish(Topics.topic(k.deviceId(), MessageKind.BIRTH), new byte[0], true);
                probe.publish(Topics.topic(k.deviceId(), MessageKind.STATUS), new byte[0], true);
            }
        }
    }
}
