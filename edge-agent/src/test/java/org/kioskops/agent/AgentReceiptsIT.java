package org.kioskops.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.config.MqttSettings;
import org.kioskops.agent.config.OutboxSettings;
import org.kioskops.agent.config.TelemetrySettings;
import org.kioskops.agent.hardware.sim.SimulatedKiosk;
import org.kioskops.agent.lifecycle.FileRunHistory;
import org.kioskops.agent.mqtt.PahoUplink;
import org.kioskops.agent.outbox.FileOutbox;
import org.kioskops.agent.sequence.FileSequenceStore;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.testing.MosquittoBroker;
import org.kioskops.testing.MqttProbe;

/**
 * The agent keeps a reading until the hub's receipt names it, against a real Mosquitto whose faults lose what a
 * PUBACK promised: no subscriber yet (PUBACK 0x10), and a restart without persistence. The hub is stood in for by a
 * probe that answers with receipts, at the contract's port.
 */
class AgentReceiptsIT {
    private static final String DEVICE = "kiosk-receipts-1";
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final SimulatedKiosk kiosk = new SimulatedKiosk(Clock.systemUTC(), new Random(7), List.of(4), false);
    private final Set<Long> confirmed = ConcurrentHashMap.newKeySet();

    @BeforeEach
    void start_broker() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
    }

    @AfterEach
    void stop_everything() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
        broker.close();
        scheduler.shutdownNow();
    }

    private KioskAgent startAgent() {
        AgentConfig config = new AgentConfig(DEVICE, "test-box", dir.resolve("state"),
                new MqttSettings(broker.url(), null, 5, 3600L, 20, 50L, 500L, null, null, null, null, null, null, null),
                new TelemetrySettings(3600, 20), OutboxSettings.defaults().withConfirmation(OutboxSettings.Confirmation.HUB, 2, 200), null);
        KioskAgent agent = new KioskAgent(config, kiosk.hardware(), new PahoUplink(DEVICE, DEVICE, config.mqtt(), scheduler, new Random(1)),
                new FileOutbox(config.stateDir().resolve("outbox"), config.outbox()), new FileSequenceStore(config.stateDir().resolve("sequence")),
                new FileRunHistory(config.stateDir().resolve("run-state")), Clock.systemUTC(), "test");
        agent.watch(new DeliveryListener() {
            @Override
            public void queued(OutboundMessage message) {
            }

            @Override
            public void confirmed(OutboundMessage message) {
                AgentReceiptsIT.this.confirmed.add(message.seq());
            }
        });
        toClose.add(agent::kill);
        agent.start();
        return agent;
    }

    private MqttProbe hub() {
        MqttProbe probe = MqttProbe.connect(broker.url()).subscribe("kioskops/v1/" + DEVICE + "/#").answerWithReceipts(true);
        toClose.add(probe);
        return probe;
    }

    private static List<Long> telemetry(MqttProbe probe) {
        return probe.received().stream().filter(r -> r.topic().endsWith("/telemetry")).map(r -> {
            try {
                return CODEC.decode(r.topic(), r.payload(), TelemetryBatch.class).seq();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
    }

    @Test
    void a_reading_the_broker_had_no_subscriber_for_stays_until_the_hub_takes_it() {
        KioskAgent agent = startAgent();
        await().atMost(Duration.ofSeconds(10)).until(agent::isConnected);
        for (int i = 0; i < 5; i++) {
            agent.sampleNow();
        }
        // Mosquitto answers PUBACK 0x10 "no matching subscribers": the broker took nothing
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.stats().refusedByBroker() > 0);
        assertThat(agent.backlog()).isGreaterThanOrEqualTo(5);

        MqttProbe hub = hub();

        await().atMost(Duration.ofSeconds(60)).until(() -> agent.backlog() == 0);
        // the sample taken at connection and the five taken while nobody listened, each confirmed after it arrived
        assertThat(telemetry(hub)).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(6);
        assertThat(confirmed).containsAll(telemetry(hub));
    }

    @Test
    void readings_a_restarted_broker_lost_are_sent_again_and_reach_the_hub() {
        MqttProbe unanswering = hub().answerWithReceipts(false);
        KioskAgent agent = startAgent();
        await().atMost(Duration.ofSeconds(10)).until(agent::isConnected);
        for (int i = 0; i < 10; i++) {
            agent.sampleNow();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> telemetry(unanswering).size() >= 11);
        assertThat(agent.backlog()).as("the broker took them; no receipt yet").isGreaterThanOrEqualTo(11);
        List<Long> sent = telemetry(unanswering);

        // the broker dies with the readings it took (no persistence) and comes back empty
        broker.stop();
        broker.start();
        MqttProbe hub = hub();

        await().atMost(Duration.ofSeconds(60)).until(() -> agent.backlog() == 0);
        assertThat(telemetry(hub)).containsAll(sent);
        assertThat(confirmed).containsAll(sent);
        assertThat(agent.stats().resent()).isGreaterThanOrEqualTo(sent.size());
    }
}
