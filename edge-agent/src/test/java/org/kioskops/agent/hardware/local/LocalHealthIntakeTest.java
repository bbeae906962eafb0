package org.kioskops.agent.hardware.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.agent.local.AgentStatus;
import org.kioskops.agent.local.LocalHttpServer;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.HealthDeviceKind;
import org.kioskops.protocol.HealthKind;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;

/** The kiosk's health application posting checks to the agent over loopback HTTP, as it would on a box. */
class LocalHealthIntakeTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");

    private final LocalHealthIntake intake = new LocalHealthIntake(
            List.of(new Inventory.HealthDevice("bp-1", HealthDeviceKind.BLOOD_PRESSURE_MONITOR, "HBP-9030")),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final List<DeviceEvent> events = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private LocalHttpServer server;

    @BeforeEach
    void start() throws Exception {
        intake.onEvent(events::add);
        server = LocalHttpServer.start(0, () -> new AgentStatus("k", "t", "tcp://x", true, null, 0, 0, 0, 0, 0, null, List.of()), intake);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/checks"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_check_becomes_readings_for_the_next_sample_and_a_health_check_done_event() throws Exception {
        HttpResponse<String> answer = post("""
                {"device":"bp-1","measuredAt":"2026-11-28T07:59:30Z","readings":[
                  {"kind":"blood_pressure_systolic","value":128,"unit":"mmHg"},
                  {"kind":"blood_pressure_diastolic","value":82},
                  {"kind":"heart_rate","value":71}]}""");

        assertThat(answer.statusCode()).isEqualTo(202);
        assertThat(answer.body()).contains("\"readings\":3");
        assertThat(intake.drainReadings()).containsExactly(
                new TelemetrySample.HealthReading("bp-1", HealthKind.BLOOD_PRESSURE_SYSTOLIC, 128, "mmHg", Instant.parse("2026-11-28T07:59:30Z")),
                new TelemetrySample.HealthReading("bp-1", HealthKind.BLOOD_PRESSURE_DIASTOLIC, 82, "mmHg", Instant.parse("2026-11-28T07:59:30Z")),
                new TelemetrySample.HealthReading("bp-1", HealthKind.HEART_RATE, 71, "bpm", Instant.parse("2026-11-28T07:59:30Z")));
        assertThat(intake.drainReadings()).as("each reading is reported once").isEmpty();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.HEALTH_CHECK_DONE);
            assertThat(e.device()).isEqualTo("bp-1");
        });
    }

    @Test
    void refuses_a_bad_check_whole_with_the_reason_and_counts_it() throws Exception {
        record Case(String body, int status, String reason) {
        }
        List<Case> cases = List.of(
                new Case("{not json", 400, "not JSON"),
                new Case("{\"device\":\"scale-9\",\"readings\":[{\"kind\":\"weight\",\"value\":70}]}", 404, "'scale-9' is not configured"),
                new Case("{\"device\":\"bp-1\",\"readings\":[{\"kind\":\"heart_rate\",\"value\":71},{\"kind\":\"heart_rate\",\"value\":900}]}",
                        400, "readings[1].value: 900.0 bpm is outside"),
                new Case("{\"device\":\"bp-1\",\"readings\":[{\"kind\":\"mood\",\"value\":1}]}", 400, "readings[0].kind: one of"),
                new Case("{\"device\":\"bp-1\",\"readings\":[{\"kind\":\"heart_rate\",\"value\":\"71\"}]}", 400, "readings[0].value: a number"),
                new Case("{\"device\":\"bp-1\",\"readings\":[{\"kind\":\"weight\",\"value\":70,\"unit\":\"lb\"}]}", 400, "reported in kg"),
                new Case("{\"device\":\"bp-1\",\"measuredAt\":\"2026-11-29T08:00:00Z\",\"readings\":[{\"kind\":\"heart_rate\",\"value\":70}]}",
                        400, "measuredAt: more than 5 minutes ahead"),
                new Case("{\"device\":\"bp-1\",\"readings\":[]}", 400, "readings: 1 to 32"),
                new Case("{\"device\":\"bp-1\",\"pad\":\"" + "x".repeat(LocalHealthIntake.MAX_BODY_BYTES) + "\"}", 413, "at most"));

        for (Case c : cases) {
            HttpResponse<String> answer = post(c.body());
            assertThat(answer.statusCode()).as(c.body().substring(0, Math.min(60, c.body().length()))).isEqualTo(c.status());
            assertThat(answer.body()).contains(c.reason());
        }

        assertThat(intake.refused()).isEqualTo(cases.size());
        assertThat(intake.drainReadings()).as("nothing of a refused check, not even its valid first reading").isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void answers_only_post() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health/checks"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(405);
    }
}
