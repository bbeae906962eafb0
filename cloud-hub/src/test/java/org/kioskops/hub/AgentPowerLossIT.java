package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.testing.MqttProbe;
import org.kioskops.testing.Ports;
import org.kioskops.testing.TcpProxy;

/**
 * The packaged agent, run as its own process, loses the broker, is killed with SIGKILL while offline,
 * is started again and finds the broker back: the hub receives every number of the sequence, in order,
 * and stores each once.
 */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class AgentPowerLossIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String device = "power-" + Long.toString(System.nanoTime(), 36);
    private final HttpClient http = HttpClient.newHttpClient();
    private TcpProxy network;
    private Process agent;
    private MqttProbe probe;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.destroyForcibly();
        }
        if (network != null) {
            network.close();
        }
        if (probe != null) {
            probe.close();
        }
    }

    /** The agent's configuration, reaching the broker through {@link #network}, with {@code outbox} as its outbox section. */
    private Path configure(Path dir, int statusPort, String outbox) throws IOException {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                deviceId: %s
                hardwareModel: power-test
                stateDir: %s
                mqtt:
                  url: %s
                  keepAliveSeconds: 5
                  reconnectMinDelayMillis: 100
                  reconnectMaxDelayMillis: 1000
                telemetry:
                  intervalSeconds: 1
                outbox:
                %s
                hardware:
                  system: linux
                  screen: none
                local:
                  statusPort: %d
                """.formatted(device, dir.resolve("state").toAbsolutePath(), network.url(), outbox, statusPort));
        return config;
    }

    @Test
    void every_reading_arrives_once_and_in_order_after_an_outage_with_the_agent_killed_while_offline() throws Exception {
        String brokerUrl = ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class);
        network = TcpProxy.to(URI.create(brokerUrl).getPort());
        // sees what the hub sees, in the order the broker delivers it
        probe = MqttProbe.connect(brokerUrl).subscribe("kioskops/v1/" + device + "/telemetry");
        Path dir = Files.createDirectories(Path.of("target", device));
        int statusPort = Ports.free();
        Path config = configure(dir, statusPort, "  fsync: always");
        Instant began = Instant.now();

        agent = startAgent(config, dir.resolve("agent-1.log"));
        await("online with telemetry").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath d = details();
            assertThat(d.getString("device.connection")).isEqualTo("online");
            assertThat(d.getLong("sequence.received")).isGreaterThanOrEqualTo(4);
        });

        network.cut();
        await("readings kept while offline").atMost(Duration.ofSeconds(30)).until(() -> depth(statusPort) >= 5);
        int keptBeforeKill = depth(statusPort);
        agent.destroyForcibly().waitFor();

        agent = startAgent(config, dir.resolve("agent-2.log"));
        await("backlog restored from disk and growing").atMost(Duration.ofSeconds(30)).until(() -> depth(statusPort) >= keptBeforeKill + 2);
        int keptOffline = depth(statusPort);
        network.restore();

        await("backlog delivered").atMost(Duration.ofSeconds(60)).until(() -> depth(statusPort) == 0);
        await("hub has every number").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath d = details();
            assertThat(d.getString("device.connection")).isEqualTo("online");
            assertThat(d.getLong("sequence.missing")).as("numbers never received: %s", d.getString("sequence.missingRanges")).isZero();
        });
        // the agent samples every second: stop it so that the broker's and the hub's counts can settle
        agent.destroyForcibly().waitFor();
        await("the hub stored every reading the broker delivered, each once").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(storedReadings(began)).isEqualTo((double) probe.received().stream().map(AgentPowerLossIT::readingSeq).distinct().count()));
        List<Long> readings = probe.received().stream().map(AgentPowerLossIT::readingSeq).toList();
        assertThat(readings.stream().distinct().toList()).as("readings in the order they reached the broker").isSorted();
        long distinctReadings = readings.stream().distinct().count();
        assertThat(distinctReadings).as("two readings before the outage, then those kept offline").isGreaterThanOrEqualTo(keptOffline + 2L);
        assertThat(Files.readString(dir.resolve("agent-2.log"))).contains("holds " + keptBeforeKill + " messages from before the restart");
    }

    /** Telemetry readings the hub stored for the device since {@code began}. */
    private double storedReadings(Instant began) {
        JsonPath series = given().queryParam("metric", "uptime_seconds").queryParam("agg", "count").queryParam("step", "1d")
                .queryParam("from", began.minusSeconds(60).toString()).queryParam("to", Instant.now().plusSeconds(60).toString())
                .get("/api/devices/" + device + "/telemetry").then().statusCode(200).extract().jsonPath();
        return series.getList("[0].points.v", Float.class).stream().filter(Objects::nonNull).mapToDouble(Float::doubleValue).sum();
    }

    @Test
    void an_outbox_that_overflowed_offline_tells_the_hub_how_many_it_dropped_and_they_show_as_missing() throws Exception {
        network = TcpProxy.to(URI.create(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class)).getPort());
        Path dir = Files.createDirectories(Path.of("target", device));
        int statusPort = Ports.free();
        agent = startAgent(configure(dir, statusPort, "  maxMessages: 10"), dir.resolve("agent.log"));
        await("online").atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(details().getString("device.connection"))
                .isEqualTo("online"));

        network.cut();
        // what the outbox held until the agent saw the cut may have been stored already (its receipt lost, or sent again
        // from the MQTT session after the reconnection): dropped later by the full outbox, yet not lost
        await("the agent sees the cut").atMost(Duration.ofSeconds(30)).until(() -> agentStatus(statusPort, "connected") == 0);
        int unconfirmedAtCut = Math.max(0, depth(statusPort));
        await("outbox overflowing").atMost(Duration.ofSeconds(60)).until(() -> dropped(statusPort) >= 8);
        network.restore();
        // dropped once the agent is back may have been sent on the new connection first, its receipt not yet back
        await("the agent reconnected").atMost(Duration.ofSeconds(30)).until(() -> agentStatus(statusPort, "connected") == 1);
        long droppedWhileCut = dropped(statusPort);

        await("the loss reported").atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                given().queryParam("type", "fault_cleared").get("/api/devices/" + device + "/events").then().statusCode(200)
                        .extract().jsonPath().getList("detail", String.class)).anySatisfy(d -> assertThat(d).startsWith("dropped ")));
        long dropped = dropped(statusPort);
        List<String> raised = given().queryParam("type", "fault_raised").get("/api/devices/" + device + "/events").then().statusCode(200)
                .extract().jsonPath().getList("code", String.class);
        assertThat(raised).containsExactly("outbox_overflow");
        String detail = given().queryParam("type", "fault_cleared").get("/api/devices/" + device + "/events").then()
                .extract().jsonPath().getList("detail", String.class).get(0);
        long reported = Long.parseLong(detail.substring("dropped ".length(), detail.indexOf(' ', "dropped ".length())));
        assertThat(reported).isLessThanOrEqualTo(dropped).isGreaterThanOrEqualTo(8);
        JsonPath hub = details();
        assertThat(hub.getLong("sequence.missing")).as("every dropped number the hub had not stored is missing there "
                        + "(%d reported dropped, %d unconfirmed at the cut; hub: missing %s, received %d, highest %d)",
                        reported, unconfirmedAtCut, hub.getString("sequence.missingRanges"), hub.getLong("sequence.received"),
                        hub.getLong("sequence.highest"))
                .isGreaterThanOrEqualTo(droppedWhileCut - unconfirmedAtCut)
                .as("nothing missing that the agent did not report dropping").isLessThanOrEqualTo(reported);
    }

    private static final ProtocolCodec CODEC = new ProtocolCodec();

    /** The sequence number of a telemetry message, which the agent sends with one sample each. */
    private static long readingSeq(MqttProbe.Received r) {
        try {
            TelemetryBatch batch = CODEC.decode(r.topic(), r.payload(), TelemetryBatch.class);
            assertThat(batch.samples()).hasSize(1);
            return batch.seq();
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private JsonPath details() {
        return given().get("/api/devices/" + device).then().statusCode(200).extract().jsonPath();
    }

    /** A number from the running agent's local status endpoint; -1 while it does not answer. */
    private long agentStatus(int port, String field) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(r.body()).path(field).asLong();
        } catch (IOException e) {
            return -1;
        }
    }

    private int depth(int port) throws InterruptedException {
        return (int) agentStatus(port, "outboxDepth");
    }

    private long dropped(int port) throws InterruptedException {
        return agentStatus(port, "outboxDropped");
    }

    private static Process startAgent(Path config, Path log) throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("..", "edge-agent", "target"))) {
            jar = files.filter(f -> f.getFileName().toString().matches("edge-agent-.*\\.jar")
                    && !f.getFileName().toString().contains("sources")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("edge-agent is not packaged: run mvn package first"));
        }
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m", "-jar", jar.toString(),
                "--config", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
