package org.kioskops.hub.coap;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.CoapDevice;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.hub.support.Sites;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.testing.UdpRelay;

/**
 * Constrained devices post over CoAP with DTLS and a pre-shared key from the registry, into the same pipeline as
 * MQTT: the answer comes only once the message is stored, bad input gets 4.00 with the reason and is counted.
 */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class CoapIngestIT {
    private static final String FROM = "2026-11-28T00:00:00Z";
    private static final String TO = "2026-11-29T00:00:00Z";

    @Inject
    CoapLifecycle coap;

    @TestHTTPResource("/")
    URL hubUrl;

    private final String run = Long.toString(System.nanoTime(), 36);
    private String site;

    @BeforeEach
    void sites() {
        site = Sites.chain("coap-" + run);
    }

    /** Registers a device and gives it a pre-shared key; returns the key. */
    private String registerWithPsk(String deviceId) {
        Sites.register(deviceId, site);
        return given().post("/api/devices/" + deviceId + "/credentials/psk").then().statusCode(201)
                .extract().jsonPath().getString("key");
    }

    private static double lastLockersOccupied(String deviceId) {
        List<Float> values = given().queryParam("metric", "lockers_occupied").queryParam("from", FROM).queryParam("to", TO)
                .queryParam("step", "1d").queryParam("agg", "last")
                .get("/api/devices/" + deviceId + "/telemetry").then().statusCode(200).extract().jsonPath().getList("[0].points.v", Float.class);
        return values.isEmpty() ? Double.NaN : values.get(values.size() - 1);
    }

    private static long rejected(String reason) {
        Map<String, Integer> rejected = given().get("/api/ingest/stats").then().extract().jsonPath().getMap("rejected");
        return rejected.getOrDefault(reason, 0);
    }

    @Test
    void telemetry_posted_over_dtls_is_stored_before_the_answer() throws Exception {
        String id = "coap-" + run + "-1";
        String key = registerWithPsk(id);
        DeviceMessages device = new DeviceMessages(id, null);

        try (CoapDevice client = new CoapDevice(coap.port(), id, key)) {
            assertThat(client.post(device.birth(4)).getCode()).isEqualTo(ResponseCode.CHANGED);
            CoapResponse answer = client.post(device.telemetry(4, 1, 3));

            assertThat(answer.getCode()).isEqualTo(ResponseCode.CHANGED);
            // no waiting: the answer is sent after the write
            assertThat(lastLockersOccupied(id)).isEqualTo(2.0);
        }
        assertThat(Path.of("Californium3.properties")).as("Californium writes no settings file").doesNotExist();
    }

    @Test
    void cbor_is_the_same_message_and_a_retransmission_is_stored_once() throws Exception {
        String id = "coap-" + run + "-2";
        String key = registerWithPsk(id);
        DeviceMessages device = new DeviceMessages(id, null);
        TelemetryBatch telemetry = device.telemetry(4, 2);
        JsonNode json = new ObjectMapper().readTree(DeviceMessages.encode(telemetry));
        byte[] cbor = new CBORMapper().writeValueAsBytes(json);

        try (CoapDevice client = new CoapDevice(coap.port(), id, key)) {
            CoapResponse first = client.post(id + "/telemetry", cbor, MediaTypeRegistry.APPLICATION_CBOR);
            CoapResponse again = client.post(id + "/telemetry", DeviceMessages.encode(telemetry), MediaTypeRegistry.APPLICATION_JSON);

            assertThat(first.getCode()).as(first.getResponseText()).isEqualTo(ResponseCode.CHANGED);
            assertThat(again.getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(cbor.length).isLessThan(DeviceMessages.encode(telemetry).length);
        assertThat(lastLockersOccupied(id)).isEqualTo(1.0);
        List<Float> count = given().queryParam("metric", "lockers_occupied").queryParam("from", FROM).queryParam("to", TO)
                .queryParam("step", "1d").queryParam("agg", "count")
                .get("/api/devices/" + id + "/telemetry").then().extract().jsonPath().getList("[0].points.v", Float.class);
        assertThat(count).containsExactly(1.0f);
    }

    @Test
    void a_wrong_key_is_refused_and_nothing_is_stored() throws Exception {
        String id = "coap-" + run + "-3";
        registerWithPsk(id);
        DeviceMessages device = new DeviceMessages(id, null);

        CoapResponse answer;
        try (CoapDevice impostor = new CoapDevice(coap.port(), id, "not-the-key-at-all-but-long-enough")) {
            answer = impostor.post(device.telemetry(4, 1));
        } catch (Exception e) {
            answer = null; // the handshake failed: what a wrong key should get
        }

        assertThat(answer).isNull();
        assertThat(lastLockersOccupied(id)).isNaN();
    }

    @Test
    void a_device_cannot_post_for_another_and_the_attempt_is_counted() throws Exception {
        String mine = "coap-" + run + "-4";
        String other = "coap-" + run + "-5";
        String key = registerWithPsk(mine);
        registerWithPsk(other);
        long before = rejected("forged_device");

        try (CoapDevice client = new CoapDevice(coap.port(), mine, key)) {
            CoapResponse answer = client.post(new DeviceMessages(other, null).telemetry(4, 1));

            assertThat(answer.getCode()).isEqualTo(ResponseCode.FORBIDDEN);
            assertThat(answer.getResponseText()).contains("forged_device").contains(mine);
        }
        assertThat(rejected("forged_device")).isEqualTo(before + 1);
        assertThat(lastLockersOccupied(other)).isNaN();
    }

    @Test
    void malformed_json_and_cbor_get_4_00_with_the_reason_and_are_counted() throws Exception {
        String id = "coap-" + run + "-6";
        String key = registerWithPsk(id);
        long json = rejected("malformed_json");
        long cbor = rejected("malformed_cbor");
        long type = rejected("wrong_type");

        try (CoapDevice client = new CoapDevice(coap.port(), id, key)) {
            CoapResponse brokenJson = client.post(id + "/telemetry", "{\"v\":".getBytes(StandardCharsets.UTF_8),
                    MediaTypeRegistry.APPLICATION_JSON);
            CoapResponse brokenCbor = client.post(id + "/telemetry", new byte[] {(byte) 0xBF, 0x61}, MediaTypeRegistry.APPLICATION_CBOR);
            String wrong = new String(DeviceMessages.encode(new DeviceMessages(id, null).telemetry(4, 1)), StandardCharsets.UTF_8)
                    .replaceFirst("\"seq\":\\d+", "\"seq\":\"first\"");
            CoapResponse wrongType = client.post(id + "/telemetry", wrong.getBytes(StandardCharsets.UTF_8), MediaTypeRegistry.APPLICATION_JSON);
            CoapResponse good = client.post(new DeviceMessages(id, null).telemetry(4, 1));

            assertThat(brokenJson.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(brokenJson.getResponseText()).startsWith("malformed_json");
            assertThat(brokenCbor.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(brokenCbor.getResponseText()).startsWith("malformed_cbor");
            assertThat(wrongType.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(wrongType.getResponseText()).startsWith("wrong_type seq");
            assertThat(good.getCode()).as("bad input blocks nothing").isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(rejected("malformed_json")).isEqualTo(json + 1);
        assertThat(rejected("malformed_cbor")).isEqualTo(cbor + 1);
        assertThat(rejected("wrong_type")).isEqualTo(type + 1);
    }

    @Test
    void a_post_to_a_kind_the_contract_does_not_know_is_refused_and_listed_under_the_proven_device() throws Exception {
        String id = "coap-" + run + "-9";
        String key = registerWithPsk(id);
        long before = rejected("topic_invalid");

        try (CoapDevice client = new CoapDevice(coap.port(), id, key)) {
            CoapResponse answer = client.post(id + "/nonsense", DeviceMessages.encode(new DeviceMessages(id, null).telemetry(4, 1)),
                    MediaTypeRegistry.APPLICATION_JSON);

            assertThat(answer.getCode()).isEqualTo(ResponseCode.BAD_REQUEST);
            assertThat(answer.getResponseText()).isEqualTo("topic_invalid: unknown message kind 'nonsense'");
        }
        assertThat(rejected("topic_invalid")).isEqualTo(before + 1);
        given().queryParam("deviceId", id).get("/api/ingest/rejections").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].code", equalTo("topic_invalid"));
    }

    @Test
    void the_libcoap_example_of_docs_coap_md_runs_as_written() throws Exception {
        String id = "coap-" + run + "-7";
        Sites.register(id, site);
        String doc = Files.readString(Path.of("..", "docs", "coap.md"));
        String section = doc.substring(doc.indexOf("## A device with libcoap"));
        Matcher block = Pattern.compile("```sh\n(.*?)```", Pattern.DOTALL).matcher(section);
        assertThat(block.find()).as("the example's shell block").isTrue();
        String example = block.group(1);
        // the declared substitutions: no package install, a registered id, this hub's addresses, a token (users are off here)
        for (String line : List.of("apt-get install libcoap3-bin\n", "ID=kiosk-0042\n", "TOKEN=$(cat data/demo-api-token)",
                "http://127.0.0.1:8080", "coaps://127.0.0.1:5684")) {
            assertThat(example).as("the example still has " + line).contains(line);
        }
        String script = example.replace("apt-get install libcoap3-bin\n", "")
                .replace("ID=kiosk-0042\n", "ID=" + id + "\n")
                .replace("TOKEN=$(cat data/demo-api-token)", "TOKEN=kio_not-checked-with-users-off")
                .replace("http://127.0.0.1:8080", hubUrl.toString().replaceAll("/$", ""))
                .replace("coaps://127.0.0.1:5684", "coaps://127.0.0.1:" + coap.port());
        Path dir = Files.createTempDirectory("coap-example");

        Process bash = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        assertThat(bash.waitFor(60, TimeUnit.SECONDS)).as("example finished").isTrue();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(bash.exitValue()).as(output).isZero();
        assertThat(output).as("coap-client prints nothing for 2.04").isBlank();
        List<Float> values = given().queryParam("metric", "lockers_occupied").queryParam("step", "1d").queryParam("agg", "last")
                .get("/api/devices/" + id + "/telemetry").then().statusCode(200).extract().jsonPath().getList("[0].points.v", Float.class);
        assertThat(values).as(output).containsExactly(1.0f);
    }

    @Test
    void observing_the_config_delivers_each_new_version_and_another_device_cannot_read_it() throws Exception {
        String id = "coap-" + run + "-8";
        String key = registerWithPsk(id);
        given().contentType("application/json").body(Map.of("logLevel", "info")).put("/api/config/devices/" + id).then().statusCode(200);
        List<String> notifications = new CopyOnWriteArrayList<>();

        try (CoapDevice client = new CoapDevice(coap.port(), id, key)) {
            var relation = client.observe(id + "/config", notifications);
            await().atMost(Duration.ofSeconds(10)).until(() -> !notifications.isEmpty());
            assertThat(notifications.get(0)).startsWith("2.05").contains("\"logLevel\":\"info\"");

            given().contentType("application/json").body(Map.of("logLevel", "debug")).put("/api/config/devices/" + id).then().statusCode(200);

            await().atMost(Duration.ofSeconds(10)).until(() -> notifications.stream().anyMatch(n -> n.contains("\"logLevel\":\"debug\"")));
            relation.proactiveCancel();
        }
        String other = "coap-" + run + "-9";
        try (CoapDevice stranger = new CoapDevice(coap.port(), other, registerWithPsk(other))) {
            List<String> seen = new CopyOnWriteArrayList<>();
            stranger.observe(id + "/config", seen);
            await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
            assertThat(seen.get(0)).startsWith("4.03").doesNotContain("logLevel");
        }
    }

    @Test
    void a_device_whose_address_changes_behind_a_nat_keeps_its_dtls_session() throws Exception {
        String id = "coap-" + run + "-10";
        String key = registerWithPsk(id);
        DeviceMessages device = new DeviceMessages(id, null);

        try (UdpRelay nat = UdpRelay.to(coap.port()); CoapDevice client = new CoapDevice(nat.port(), id, key)) {
            assertThat(client.post(device.telemetry(4, 1)).getCode()).isEqualTo(ResponseCode.CHANGED);
            int before = nat.sourcePort();

            nat.rebind();
            CoapResponse after = client.post(device.telemetry(4, 1, 2));

            assertThat(nat.sourcePort()).isNotEqualTo(before);
            assertThat(after).as("answered from the new address: the connection id found the session").isNotNull();
            assertThat(after.getCode()).isEqualTo(ResponseCode.CHANGED);
        }
        assertThat(lastLockersOccupied(id)).isEqualTo(2.0);
    }
}
