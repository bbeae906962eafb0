package org.kioskops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.Status;
import org.kioskops.sim.cli.SimMain;
import org.kioskops.testing.MosquittoBroker;
import org.kioskops.testing.MqttProbe;
import picocli.CommandLine;

class SimulatedFleetIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private MqttProbe probe;
    private MqttProbe hub;

    @BeforeEach
    void start() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        probe = MqttProbe.connect(broker.url()).subscribe("kioskops/v1/+/status");
        // stands in for the hub: the kiosks keep every message until a receipt says it is stored
        hub = MqttProbe.connect(broker.url()).subscribe("kioskops/v1/#").answerWithReceipts(true);
    }

    @AfterEach
    void stop() {
        hub.close();
        probe.close();
        broker.close();
    }

    private long statuses(Status.ConnectionState state, Status.StatusReason reason) {
        return probe.received().stream().map(r -> {
            try {
                return (Status) CODEC.decode(r.topic(), r.payload());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).filter(s -> s.state() == state && s.reason() == reason).count();
    }

    @Test
    void every_kiosk_comes_online_and_says_goodbye_on_a_clean_stop() {
        FleetPlan plan = FleetPlan.generate(6, 3, 42, "sim");
        SimulatedFleet fleet = SimulatedFleet.start(plan, FleetOptions.defaults(broker.url())
                .withTick(Duration.ofMillis(100)).withActivity(1.0));

        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.snapshot().online() == 6);
        await().atMost(Duration.ofSeconds(20)).until(() -> statuses(Status.ConnectionState.ONLINE, null) == 6);
        await().atMost(Duration.ofSeconds(20)).until(() -> fleet.snapshot().deposits() + fleet.snapshot().collections() > 0);
        fleet.stop(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(20)).until(() -> statuses(Status.ConnectionState.OFFLINE, Status.StatusReason.SHUTDOWN) == 6);
        SimulatedFleet.Snapshot end = fleet.snapshot();
        assertThat(end.backlog()).isZero();
        assertThat(end.acked()).isEqualTo(end.created());
        assertThat(end.confirmed()).as("every reading confirmed by the stand-in hub").isPositive();
    }

    @Test
    void a_killed_kiosk_is_reported_offline_by_its_will() {
        FleetPlan plan = FleetPlan.generate(3, 1, 1, "sim");
        try (SimulatedFleet fleet = SimulatedFleet.start(plan, FleetOptions.defaults(broker.url()))) {
            await().atMost(Duration.ofSeconds(20)).until(() -> statuses(Status.ConnectionState.ONLINE, null) == 3);

            fleet.kill("sim-0002");

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> statuses(Status.ConnectionState.OFFLINE, Status.StatusReason.CONNECTION_LOST) == 1);
        }
    }

    @Test
    void run_command_prints_progress_and_a_summary() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new SimMain()).execute("run", "--broker", broker.url(), "--kiosks", "4",
                    "--communities", "2", "--duration", "3s", "--progress-interval", "1s", "--tick", "200ms");
        } finally {
            System.setOut(original);
        }

        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(output).contains("Started 4 kiosks in 2 communities")
                .containsPattern("kiosks \\d/4 online \\| messages \\d+ created")
                .contains("Simulation summary")
                .containsPattern("kiosks +4 \\(4 online when the run ended\\)")
                .containsPattern("ack latency +p50 [0-9.]+ ms, p99 [0-9.]+ ms")
                .containsPattern("messages +\\d+ created, \\d+ acknowledged by the broker, \\d+ confirmed stored by the hub, 0 still queued");
    }
}
