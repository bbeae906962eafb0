package org.kioskops.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.agent.config.LocalSettings;
import org.kioskops.agent.config.MqttSettings;
import org.kioskops.agent.config.OutboxSettings;
import org.kioskops.agent.config.TelemetrySettings;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.hardware.sim.SimulatedKiosk;
import org.kioskops.agent.lifecycle.FileRunHistory;
import org.kioskops.agent.local.LocalHttpServer;
import org.kioskops.agent.mqtt.PahoUplink;
import org.kioskops.agent.outbox.FileOutbox;
import org.kioskops.agent.sequence.FileSequenceStore;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.EventBatch;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.testing.MosquittoBroker;
import org.kioskops.testing.MqttProbe;
import org.kioskops.testing.TcpProxy;

/** The durable outbox in a running agent: pacing of the replay, overflow reported, local status. */
class AgentOutboxIT {
    private static final String DEVICE = "kiosk-outbox-1";
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private TcpProxy network;
    private MqttProbe probe;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final SimulatedKiosk kiosk = new SimulatedKiosk(Clock.systemUTC(), new Random(7), List.of(4), false);

    @BeforeEach
    void start_broker() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        network = TcpProxy.to(broker.port());
        probe = MqttProbe.connect(broker.url()).subscribe("kioskops/v1/" + DEVICE + "/#").answerWithReceipts(true);
    }

    @AfterEach
    void stop_everything() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        probe.close();
        network.close();
        broker.close();
        scheduler.shutdownNow();
    }

    private AgentConfig config(OutboxSettings outbox, HardwareSettings hardware) {
        return new AgentConfig(DEVICE, "test-box", dir.resolve("state"),
                new MqttSettings(network.url(), null, 5, 3600L, 2, 50L, 500L, null, null, null, null, null, null, null),
                new TelemetrySettings(3600, 20), outbox, hardware, new LocalSettings(0));
    }

    private KioskAgent startAgent(AgentConfig config, Hardware hardware) {
        KioskAgent agent = new KioskAgent(config, hardware,
                new PahoUplink(DEVICE, DEVICE, config.mqtt(), scheduler, new Random(1)),
                new FileOutbox(config.stateDir().resolve("outbox"), config.outbox()),
                new FileSequenceStore(config.stateDir().resolve("sequence")),
                new FileRunHistory(config.stateDir().resolve("run-state")), Clock.systemUTC(), "test");
        toClose.add(agent::kill);
        agent.start();
        return agent;
    }

    private List<DeviceMessage> received() {
        List<DeviceMessage> messages = new ArrayList<>();
        for (MqttProbe.Received r : probe.received()) {
            try {
                messages.add(CODEC.decode(r.topic(), r.payload()));
            } catch (ProtocolException e) {
                throw new AssertionError("agent sent an invalid message on " + r.topic() + ": " + e.getMessage(), e);
            }
        }
        return messages;
    }

    private List<DeviceEvent> events() {
        return received().stream().filter(EventBatch.class::isInstance).map(EventBatch.class::cast)
                .flatMap(b -> b.events().stream()).toList();
    }

    /** Cuts the network and samples while offline; answers the sequence numbers that had arrived before the cut. */
    private Set<Long> offlineWith(KioskAgent agent, int samples) {
        await().atMost(Duration.ofSeconds(10)).until(agent::isConnected);
        network.cut();
        Set<Long> beforeCut = received().stream().map(DeviceMessage::seq).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.isConnected());
        for (int i = 0; i < samples; i++) {
            agent.sampleNow();
        }
        return beforeCut;
    }

    @Test
    void replays_a_backlog_no_faster_than_its_replay_rate() {
        KioskAgent agent = startAgent(config(new OutboxSettings(null, null, null, null, null, 10), null), kiosk.hardware());
        Set<Long> beforeCut = offlineWith(agent, 40);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.backlog() >= 40);

        long restored = System.nanoTime();
        network.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.backlog() == 0);
        Duration replay = Duration.ofNanos(System.nanoTime() - restored);

        // 40 messages at 10/s with a burst of 10: the last cannot leave before 3 s
        assertThat(replay).isGreaterThanOrEqualTo(Duration.ofMillis(2900));
        List<Long> telemetry = received().stream().filter(TelemetryBatch.class::isInstance).map(DeviceMessage::seq).toList();
        assertThat(telemetry.stream().distinct().toList()).hasSizeGreaterThanOrEqualTo(40).isSorted();
        // a receipt the cut swallowed makes the agent send that message again, nothing it sent afterwards
        assertThat(duplicates(telemetry)).isSubsetOf(beforeCut);
    }

    private static Set<Long> duplicates(List<Long> seqs) {
        Set<Long> seen = new HashSet<>();
        return seqs.stream().filter(s -> !seen.add(s)).collect(Collectors.toSet());
    }

    @Test
    void reports_outbox_overflow_as_a_fault_and_how_many_were_lost_once_drained() {
        KioskAgent agent = startAgent(config(new OutboxSettings(10, null, null, null, null, null), null), kiosk.hardware());
        offlineWith(agent, 25);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.outboxDropped() >= 15);
        assertThat(agent.backlog()).isEqualTo(10);

        network.restore();

        await().atMost(Duration.ofSeconds(20)).until(() -> events().stream().anyMatch(e -> e.type() == EventType.FAULT_CLEARED));
        DeviceEvent raised = events().stream().filter(e -> e.type() == EventType.FAULT_RAISED).findFirst().orElseThrow();
        DeviceEvent cleared = events().stream().filter(e -> e.type() == EventType.FAULT_CLEARED).findFirst().orElseThrow();
        assertThat(raised.component()).isEqualTo("agent");
        assertThat(raised.code()).isEqualTo("outbox_overflow");
        assertThat(cleared.code()).isEqualTo("outbox_overflow");
        assertThat(cleared.detail()).startsWith("dropped " + agent.outboxDropped() + " oldest messages");
        // the dropped messages' numbers are missing at the receiver: that gap is what the fault explains
        List<Long> seqs = received().stream().filter(m -> m instanceof TelemetryBatch || m instanceof EventBatch)
                .map(DeviceMessage::seq).sorted().toList();
        long holes = seqs.get(seqs.size() - 1) - seqs.get(0) + 1 - seqs.size();
        assertThat(holes).isGreaterThanOrEqualTo(agent.outboxDropped());
    }

    @Test
    void local_status_tells_the_link_the_outbox_and_that_an_unplugged_part_is_missing() throws Exception {
        // a locker board whose USB adapter is not plugged in
        HardwareSettings unplugged = new HardwareSettings(HardwareSettings.Driver.LINUX, HardwareSettings.Driver.NONE, null,
                new HardwareSettings.LockerSettings(HardwareSettings.Driver.SERIAL, List.of(new HardwareSettings.BankSettings("A", 2,
                        "board-2", null, null, null, null, null, "/dev/ttyKIOSKOPS-not-plugged-in", null))),
                HardwareSettings.Driver.NONE, null);
        AgentConfig config = config(null, unplugged);
        KioskAgent agent = startAgent(config, HardwareFactory.create(config, Clock.systemUTC()));
        LocalHttpServer server = LocalHttpServer.start(0, agent::status);
        toClose.add(server);
        HttpClient http = HttpClient.newHttpClient();
        URI status = URI.create("http://127.0.0.1:" + server.port() + "/status");

        await().atMost(Duration.ofSeconds(10)).until(() -> http.send(HttpRequest.newBuilder(status).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        offlineWith(agent, 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.backlog() >= 3);

        HttpResponse<String> offline = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(offline.statusCode()).isEqualTo(503);
        JsonNode body = new ObjectMapper().readTree(offline.body());
        assertThat(body.path("connected").asBoolean()).isFalse();
        assertThat(body.path("outboxDepth").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(body.path("lastConnectionProblem").asText()).isNotBlank();
        List<String> components = new ArrayList<>();
        body.path("components").forEach(c -> components.add(c.path("name").asText() + "=" + c.path("state").asText()));
        assertThat(components).contains("system=ok", "screen=missing", "locker:A=missing", "health=missing");
        assertThat(StatusReport.format(body)).contains("NOT CONNECTED").contains("3 waiting")
                .contains("its serial port /dev/ttyKIOSKOPS-not-plugged-in cannot be opened");
    }
}
