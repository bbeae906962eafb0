package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.hamcrest.Matchers;
import org.kioskops.hub.support.FleetScenario;
import org.kioskops.sim.FleetPlan;

/** The end-to-end checks both fleet tests run, on different broker and database set-ups. */
final class FleetFlow {
    private FleetFlow() {
    }

    static void twenty_kiosks_online_with_exact_occupancy_then_five_killed_go_offline_by_their_will(String hub, String broker)
            throws Exception {
        try (FleetScenario scenario = new FleetScenario(hub, broker, 20, 4).start()) {
            scenario.awaitCounts("all 20 kiosks online", 20, 0);

            scenario.fleet().pauseActivity();
            scenario.fleet().sampleAll();
            await("hub shows each kiosk's compartments as the simulator holds them").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                        for (FleetPlan.KioskPlan k : scenario.plan().kiosks()) {
                            assertThat(scenario.hubCompartments(k.deviceId())).as(k.deviceId())
                                    .isEqualTo(scenario.simulatedCompartments(k.deviceId()));
                        }
                    });

            List<String> killed = scenario.firstKiosks(5);
            killed.forEach(id -> scenario.fleet().kill(id));

            scenario.awaitCounts("5 killed kiosks offline", 15, 5);
            assertThat(scenario.devices("offline")).containsExactlyInAnyOrderElementsOf(killed);
            for (String id : killed) {
                given().get(hub + "/api/devices/" + id).then().statusCode(200)
                        .body("device.connection", Matchers.equalTo("offline"))
                        .body("device.offlineReason", Matchers.equalTo("connection_lost"))
                        .body("sequence.missing", Matchers.equalTo(0));
            }
        }
    }
}
