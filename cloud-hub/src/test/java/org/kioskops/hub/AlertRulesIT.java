package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kioskops.agent.hardware.sim.SimulatedLockerBank;
import org.kioskops.hub.alert.AlertRounds;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.NotificationsProfile;
import org.kioskops.hub.support.ShiftableClock;
import org.kioskops.hub.support.SimulatedKiosks;
import org.kioskops.hub.support.Sites;
import org.kioskops.hub.support.WebhookReceiver;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.Status;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.SimulatedFleet;
import org.kioskops.testing.MqttProbe;

/**
 * The kiosk and locker rules, driven by simulated kiosks running the real agent code: faults are injected
 * into their simulated hardware, and the hub's clock (which the kiosks share) is moved forward instead of
 * waiting. Each rule makes exactly one alert per episode, for the right owner, and resolves itself.
 */
@QuarkusTest
@TestProfile(NotificationsProfile.class)
class AlertRulesIT {
    private static final String ACTOR = "chen.jie@ops.example";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TestHTTPResource("/")
    URL hubUrl;

    @Inject
    AlertRounds alertRounds;

    private final String run = Long.toString(System.nanoTime(), 36);
    private final List<SimulatedFleet> fleets = new ArrayList<>();

    @AfterEach
    void stopFleets() {
        fleets.forEach(SimulatedFleet::close);
    }

    @Test
    void a_dark_screen_is_an_alert_during_service_hours_and_normal_on_a_holiday() throws Exception {
        FleetPlan plan = FleetPlan.generate(2, 2, 7, "screen-" + run, run + "-s-");
        SimulatedFleet fleet = start(plan, ShiftableClock.clock());
        String serving = plan.kiosks().get(0).deviceId();
        String onHoliday = plan.kiosks().get(1).deviceId();
        put("/api/sites/" + city(plan) + "/thresholds/screen_dark_minutes", Map.of("value", 1));
        for (String site : List.of(plan.kiosks().get(0).siteId(), plan.kiosks().get(1).siteId())) {
            put("/api/sites/" + site + "/service-hours", Map.of("zone", SHANGHAI.getId(), "week", allWeek()));
        }
        LocalDate today = LocalDate.ofInstant(ShiftableClock.now(), SHANGHAI);
        for (LocalDate day : List.of(today, today.plusDays(1))) {
            put("/api/sites/" + plan.kiosks().get(1).siteId() + "/holidays/" + day, Map.of("name", "国庆节"));
        }

        fleet.kiosk(serving).screen().setState(ScreenState.OFF);
        fleet.kiosk(onHoliday).screen().setState(ScreenState.NO_SIGNAL);
        sample(fleet, serving, onHoliday);
        alertRounds.evaluate();
        assertThat(alerts(serving, "screen_dark")).as("not yet: dark for less than the threshold").isEmpty();

        ShiftableClock.advance(Duration.ofMinutes(2));
        sample(fleet, serving, onHoliday);
        alertRounds.evaluate();
        assertThat(alerts(serving, "screen_dark")).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("status", "open").containsEntry("component", "screen").containsEntry("concern", "hardware");
            assertThat((String) a.get("detail")).contains("screen off").contains("during service hours");
        });
        assertThat(alerts(onHoliday, "screen_dark")).as("a dark screen on a holiday is normal").isEmpty();

        fleet.kiosk(serving).screen().setState(ScreenState.ON);
        sample(fleet, serving);
        resolveClearedConditions();
        assertThat(alerts(serving, "screen_dark")).singleElement().satisfies(a ->
                assertThat(a).containsEntry("status", "resolved").containsEntry("resolvedBy", "kioskops"));
    }

    @Test
    void a_door_left_open_a_full_bank_and_uncollected_parcels_go_to_the_locker_operator_once_each() throws Exception {
        FleetPlan plan = FleetPlan.generate(1, 1, 11, "lockers-" + run, run + "-l-");
        SimulatedFleet fleet = start(plan, ShiftableClock.clock());
        String kiosk = plan.kiosks().get(0).deviceId();
        String operator = "FengChao Lockers " + run;
        put("/api/sites/" + city(plan) + "/owners/lockers", Map.of("organisation", operator, "responseTargetMinutes", 60));
        put("/api/sites/" + plan.kiosks().get(0).siteId() + "/thresholds/door_open_minutes", Map.of("value", 1));
        put("/api/devices/" + kiosk + "/thresholds/bank_full_minutes", Map.of("value", 5));
        given().get("/api/devices/" + kiosk + "/thresholds").then().statusCode(200)
                .body("find { it.threshold == 'bank_full_minutes' }.definedAt", equalTo("device:" + kiosk))
                .body("find { it.threshold == 'door_open_minutes' }.definedAt", equalTo("site:" + plan.kiosks().get(0).siteId()))
                .body("find { it.threshold == 'parcel_uncollected_hours' }.value", equalTo(48.0f));

        SimulatedLockerBank bank = fleet.kiosk(kiosk).banks().get(0);
        bank.freeCompartments().forEach(bank::deposit);
        bank.openDoor(1);
        sample(fleet, kiosk);
        ShiftableClock.advance(Duration.ofMinutes(2));
        alertRounds.evaluate();
        assertThat(alerts(kiosk, "door_open_too_long")).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("component", "locker:" + bank.id() + ":1").containsEntry("concern", "lockers").containsEntry("owner", operator));
        assertThat(alerts(kiosk, "locker_bank_full")).as("full for less than 5 minutes").isEmpty();

        // the door sensor flaps: closed, open again; still the same alert
        bank.closeDoor(1);
        sample(fleet, kiosk);
        alertRounds.evaluate();
        bank.openDoor(1);
        sample(fleet, kiosk);
        ShiftableClock.advance(Duration.ofMinutes(4));
        alertRounds.evaluate();
        assertThat(alerts(kiosk, "door_open_too_long")).singleElement().satisfies(a ->
                assertThat(a).containsEntry("status", "open").containsEntry("recurrences", 1));
        assertThat(alerts(kiosk, "locker_bank_full")).singleElement().satisfies(a -> assertThat(a)
                .containsEntry("component", "locker:" + bank.id()).containsEntry("owner", operator));

        ShiftableClock.advance(Duration.ofMinutes(61));
        alertRounds.evaluate();
        assertThat(alerts(kiosk, "parcel_uncollected")).as("parcels waiting 48 h by default").isEmpty();
        put("/api/sites/" + city(plan) + "/thresholds/parcel_uncollected_hours", Map.of("value", 1));
        alertRounds.evaluate();
        assertThat(alerts(kiosk, "parcel_uncollected")).filteredOn(a -> ((String) a.get("component")).startsWith("locker:" + bank.id() + ":"))
                .as("one per compartment of the full bank").hasSize(bank.compartments());

        bank.closeDoor(1);
        bank.collect(2);
        sample(fleet, kiosk);
        resolveClearedConditions();
        assertThat(alerts(kiosk, "door_open_too_long")).extracting(a -> a.get("status")).containsExactly("resolved");
        assertThat(alerts(kiosk, "locker_bank_full")).extracting(a -> a.get("status")).containsExactly("resolved");
        assertThat(alerts(kiosk, "parcel_uncollected")).filteredOn(a -> "resolved".equals(a.get("status")))
                .extracting(a -> a.get("component")).containsExactly("locker:" + bank.id() + ":2");
    }

    @Test
    void a_hot_cpu_a_full_disk_and_a_skewed_clock_are_alerts_on_the_box() throws Exception {
        FleetPlan hot = FleetPlan.generate(1, 1, 13, "vitals-" + run, run + "-v-");
        SimulatedFleet fleet = start(hot, ShiftableClock.clock());
        String kiosk = hot.kiosks().get(0).deviceId();
        FleetPlan skewed = FleetPlan.generate(1, 1, 17, "skewed-" + run, run + "-k-");
        start(skewed, Clock.offset(ShiftableClock.clock(), Duration.ofMinutes(10)));
        String ahead = skewed.kiosks().get(0).deviceId();

        fleet.kiosk(kiosk).system().holdCpuTemperature(92);
        fleet.kiosk(kiosk).system().fillDisk(95);
        sample(fleet, kiosk);
        await("skewed kiosk connected").atMost(Duration.ofSeconds(30)).until(() -> "online".equals(
                given().get("/api/devices/" + ahead).then().extract().jsonPath().getString("device.connection")));
        alertRounds.evaluate();

        assertThat(alerts(kiosk, null)).extracting(a -> a.get("type") + "@" + a.get("component"))
                .contains("cpu_hot@system", "disk_full@system").doesNotContain("clock_skew@clock");
        assertThat(alerts(ahead, "clock_skew")).singleElement().satisfies(a ->
                assertThat((String) a.get("detail")).matches("device clock ahead by (59[0-9]|60[0-9]) s"));

        put("/api/devices/" + kiosk + "/thresholds/cpu_temp_celsius", Map.of("value", 95));
        resolveClearedConditions();
        assertThat(alerts(kiosk, "cpu_hot")).extracting(a -> a.get("status")).as("a higher limit for this box").containsExactly("resolved");
        assertThat(alerts(kiosk, "disk_full")).extracting(a -> a.get("status")).containsExactly("open");
        given().contentType("application/json").body(Map.of("value", 5)).put("/api/devices/" + kiosk + "/thresholds/disk_used_percent")
                .then().statusCode(400).body("code", equalTo("invalid_alert_request"));
        given().contentType("application/json").body(Map.of("value", 5)).put("/api/devices/" + kiosk + "/thresholds/no_such_rule")
                .then().statusCode(400);
    }

    @Test
    void a_kiosk_losing_power_is_one_offline_alert_with_its_cause_for_the_contractor_of_its_district() throws Exception {
        FleetPlan plan = FleetPlan.generate(2, 1, 19, "power-" + run, run + "-p-");
        SimulatedFleet fleet = start(plan, ShiftableClock.clock());
        String dead = plan.kiosks().get(0).deviceId();
        String alive = plan.kiosks().get(1).deviceId();
        String contractor = "Anxin Repair " + run;
        put("/api/sites/" + plan.sites().get(1).id() + "/owners/hardware", Map.of("organisation", contractor, "responseTargetMinutes", 30));
        await("both online").atMost(Duration.ofSeconds(30)).until(() -> List.of(dead, alive).stream().allMatch(id -> "online".equals(
                given().get("/api/devices/" + id).then().extract().jsonPath().getString("device.connection"))));

        fleet.kill(dead);
        await("offline").atMost(Duration.ofSeconds(30)).until(() -> "offline".equals(
                given().get("/api/devices/" + dead).then().extract().jsonPath().getString("device.connection")));
        ShiftableClock.advance(Duration.ofSeconds(3));
        alertRounds.evaluate();
        alertRounds.evaluate();

        assertThat(alerts(dead, "device_offline")).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("status", "open").containsEntry("owner", contractor);
            assertThat((String) a.get("detail")).isEqualTo("offline, connection_lost");
        });
        assertThat(alerts(alive, "device_offline")).isEmpty();
    }

    @Test
    void an_agent_restarting_again_and_again_is_an_alert() {
        String site = Sites.chain("restarts-" + run);
        String id = run + "-restarting";
        Sites.register(id, site);
        try (MqttProbe mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class))) {
            DeviceMessages kiosk = new DeviceMessages(id, mqtt).at(ShiftableClock.now());
            Instant boot = ShiftableClock.now().minus(Duration.ofDays(1));
            for (int i = 0; i < 3; i++) {
                kiosk.connect(boot, ShiftableClock.now(), null, 600).stop(Status.StatusReason.RESTART);
            }
            kiosk.connect(boot, ShiftableClock.now(), null, 600);
            await("three restarts recorded").atMost(Duration.ofSeconds(15)).until(() -> {
                alertRounds.evaluate();
                return alerts(id, "agent_restarting").size() == 1;
            });
        }
        assertThat(alerts(id, "agent_restarting").get(0)).containsEntry("component", "agent")
                .containsEntry("detail", "3 restarts in the last hour");
        ShiftableClock.advance(Duration.ofMinutes(61));
        resolveClearedConditions();
        assertThat(alerts(id, "agent_restarting")).extracting(a -> a.get("status")).containsExactly("resolved");
    }

    @Test
    void a_site_in_service_without_an_owner_is_an_alert_for_the_catch_all_route() {
        String site = Sites.chain("unowned-" + run);
        String id = run + "-unowned";
        Sites.register(id, site);
        try (WebhookReceiver receiver = WebhookReceiver.start();
             MqttProbe mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class))) {
            long route = given().contentType("application/json").body(Map.of("organisation", "*", "channel", "webhook",
                    "target", receiver.url("/city-ops"))).post("/api/notification-routes").then().statusCode(201).extract().jsonPath()
                    .getLong("id");
            new DeviceMessages(id, mqtt).at(ShiftableClock.now()).connect(ShiftableClock.now(), ShiftableClock.now(), null, 600);
            put("/api/sites/" + site + "/thresholds/owner_missing_minutes", Map.of("value", 0));
            await("owner alerts").atMost(Duration.ofSeconds(15)).until(() -> {
                alertRounds.evaluate();
                return siteAlerts(site).size() == 2;
            });
            assertThat(siteAlerts(site)).extracting(a -> a.get("component") + "/" + a.get("concern") + "/" + a.get("deviceId"))
                    .containsExactlyInAnyOrder("owner:hardware/hardware/null", "owner:community/community/null");
            await("told to the catch-all route").atMost(Duration.ofSeconds(15)).until(() -> receiver.at("/city-ops").stream()
                    .map(r -> JsonPath.from(r.body())).filter(n -> site.equals(n.getString("siteId")))
                    .filter(n -> "owner_missing".equals(n.getString("type"))).count() == 2);

            put("/api/sites/" + site.replace("-site", "-district") + "/owners/hardware", Map.of("organisation", "Anxin Repair " + run));
            resolveClearedConditions();
            assertThat(siteAlerts(site)).extracting(a -> a.get("component") + "/" + a.get("status"))
                    .containsExactlyInAnyOrder("owner:hardware/resolved", "owner:community/open");
            given().delete("/api/notification-routes/" + route).then().statusCode(204);
        }
    }

    private static List<Map<String, Object>> allWeek() {
        return List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday").stream()
                .map(d -> Map.<String, Object>of("day", d, "opens", "00:00", "closes", "24:00")).toList();
    }

    /** Registers the plan through the API and starts its kiosks on {@code clock}. */
    private SimulatedFleet start(FleetPlan plan, Clock clock) throws Exception {
        // the tests inject the faults; the simulated residents and the kiosk app's own screen schedule keep still
        SimulatedFleet fleet = SimulatedKiosks.start(hubUrl, plan, null, clock, SimulatedKiosks.defaults().withKeepAlive(600)
                .withTelemetryInterval(Duration.ofHours(1)));
        fleets.add(fleet);
        return fleet;
    }

    private static String city(FleetPlan plan) {
        return plan.sites().get(0).id();
    }

    /** Takes a telemetry sample on each kiosk now and waits until the hub has stored it. */
    private static void sample(SimulatedFleet fleet, String... kiosks) {
        for (String kiosk : kiosks) {
            Instant taken = ShiftableClock.now();
            fleet.agent(kiosk).sampleNow();
            await("sample of " + kiosk + " stored").atMost(Duration.ofSeconds(30)).until(() -> {
                String at = given().get("/api/devices/" + kiosk).then().extract().jsonPath().getString("telemetry.at");
                return at != null && !Instant.parse(at).isBefore(taken.minusMillis(1));
            });
        }
    }

    /** Two evaluations clear-after apart: the first sees conditions gone, the second resolves their alerts. */
    private void resolveClearedConditions() {
        alertRounds.evaluate();
        ShiftableClock.advance(Duration.ofSeconds(5));
        alertRounds.evaluate();
    }

    private static void put(String path, Map<String, ?> body) {
        given().contentType("application/json").header("X-KioskOps-Actor", ACTOR).body(body).put(path).then().statusCode(200);
    }

    private static List<Map<String, Object>> alerts(String deviceId, String type) {
        var request = given().queryParam("device", deviceId);
        if (type != null) {
            request = request.queryParam("type", type);
        }
        return request.get("/api/alerts").then().statusCode(200).extract().jsonPath().getList("$");
    }

    private static List<Map<String, Object>> siteAlerts(String siteId) {
        return given().queryParam("site", siteId).queryParam("type", "owner_missing").get("/api/alerts").then().statusCode(200)
                .extract().jsonPath().getList("$");
    }
}
