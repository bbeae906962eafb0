package org.kioskops.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.config.MqttSettings;
import org.kioskops.agent.config.TelemetrySettings;
import org.kioskops.agent.hardware.sim.SimulatedKiosk;
import org.kioskops.agent.lifecycle.FileRunHistory;
import org.kioskops.agent.mqtt.PahoUplink;
import org.kioskops.agent.outbox.MemoryOutbox;
import org.kioskops.agent.sequence.FileSequenceStore;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.EventBatch;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.Heartbeat;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.time.ScaledClock;
import org.kioskops.testing.MosquittoBroker;
import org.kioskops.testing.MqttProbe;
import org.kioskops.testing.TcpProxy;

/** The agent against a real Mosquitto of its own, reached through a proxy the test can cut. */
class KioskAgentIT {
    private static final String DEVICE = "kiosk-it-1";
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    @TempDir
    Path dir;
    private MosquittoBroker broker;
    private TcpProxy network;
    private MqttProbe probe;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<KioskAgent> agents = new ArrayList<>();
    private final SimulatedKiosk kiosk = new SimulatedKiosk(Clock.systemUTC(), new Random(7), List.of(4), true);

    @BeforeEach
    void start_broker() {
        broker = MosquittoBroker.start(dir.resolve("broker"));
        network = TcpProxy.to(broker.port());
        probe = MqttProbe.connect(broker.url()).subscribe("kioskops/v1/" + DEVICE + "/#").answerWithReceipts(true);
    }

    @AfterEach
    void stop_everything() {
        agents.forEach(KioskAgent::kill);
        probe.close();
        network.close();
        broker.close();
        scheduler.shutdownNow();
    }

    private KioskAgent startAgent() {
        return startAgent(Clock.systemUTC());
    }

    private KioskAgent startAgent(Clock clock) {
        AgentConfig config = new AgentConfig(DEVICE, "test-box", dir.resolve("state"),
                new MqttSettings(network.url(), null, 5, 3600L, 2, 50L, 500L, null, null, null, null, null, null, null),
                new TelemetrySettings(3600, 20), null, null);
        KioskAgent agent = new KioskAgent(config, kiosk.hardware(),
                new PahoUplink(DEVICE, DEVICE, config.mqtt(), scheduler, new Random(1)),
                new MemoryOutbox(1000), new FileSequenceStore(config.stateDir().resolve("sequence")),
                new FileRunHistory(config.stateDir().resolve("run-state")), clock, "test");
        agents.add(agent);
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

    private <T extends DeviceMessage> List<T> received(Class<T> type) {
        return received().stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void announces_birth_then_online_status_with_the_will_registered_for_that_connection() {
        startAgent();

        await().atMost(Duration.ofSeconds(10)).until(() -> received(Status.class).size() == 1);
        Birth birth = received(Birth.class).get(0);
        Status online = received(Status.class).get(0);
        assertThat(birth.inventory().lockerBanks()).singleElement().satisfies(b -> assertThat(b.compartments()).isEqualTo(4));
        assertThat(birth.inventory().healthDevices()).hasSize(2);
        assertThat(online.state()).isEqualTo(Status.ConnectionState.ONLINE);
        assertThat(online.session()).isEqualTo(birth.session());
        assertThat(birth.seq()).isGreaterThan(birth.session());

        try (MqttProbe late = MqttProbe.connect(broker.url()).subscribe("kioskops/v1/" + DEVICE + "/+")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> late.received().size() == 2);
            assertThat(late.received()).allMatch(MqttProbe.Received::retained)
                    .extracting(MqttProbe.Received::topic)
                    .containsExactlyInAnyOrder("kioskops/v1/" + DEVICE + "/birth", "kioskops/v1/" + DEVICE + "/status");
        }
    }

    @Test
    void reports_locker_changes_as_events_and_in_the_next_telemetry() {
        KioskAgent agent = startAgent();
        await().atMost(Duration.ofSeconds(10)).until(agent::isConnected);

        kiosk.banks().get(0).deposit(3);
        agent.sampleNow();

        await().atMost(Duration.ofSeconds(10)).until(() -> received(EventBatch.class).stream()
                .flatMap(b -> b.events().stream()).count() == 3);
        assertThat(received(EventBatch.class).stream().flatMap(b -> b.events().stream()).map(e -> e.type()))
                .containsExactly(EventType.DOOR_OPENED, EventType.PARCEL_DEPOSITED, EventType.DOOR_CLOSED);
        await().atMost(Duration.ofSeconds(10)).until(() -> received(TelemetryBatch.class).stream()
                .anyMatch(t -> t.samples().get(0).lockers().get(0).compartments().get(2).occupied()));
    }

    @Test
    void tells_in_each_birth_when_it_started_how_its_last_run_ended_and_its_keep_alive() {
        KioskAgent first = startAgent();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Birth.class).size() == 1);
        Birth fresh = received(Birth.class).get(0);
        assertThat(fresh.lastStop()).as("first run ever").isNull();
        assertThat(fresh.startedAt()).isNotNull();
        assertThat(fresh.keepAliveSeconds()).isEqualTo(5);

        first.kill();
        KioskAgent afterPowerCut = startAgent();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Birth.class).size() == 2);
        Birth second = received(Birth.class).get(1);
        assertThat(second.lastStop()).isEqualTo(Birth.LastStop.UNCLEAN);
        assertThat(second.startedAt()).isAfterOrEqualTo(fresh.startedAt());

        afterPowerCut.stop(Status.StatusReason.RESTART, Duration.ofSeconds(5));
        startAgent();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Birth.class).size() == 3);
        assertThat(received(Birth.class).get(2).lastStop()).isEqualTo(Birth.LastStop.CLEAN);
    }

    @Test
    void reports_a_dark_screen_at_once_rather_than_at_the_next_interval() {
        startAgent(); // telemetry every hour
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Birth.class).size() == 1);

        kiosk.screen().setState(ScreenState.NO_SIGNAL);

        await().atMost(Duration.ofSeconds(5)).until(() -> received(TelemetryBatch.class).stream()
                .anyMatch(t -> t.samples().get(0).screen().state() == ScreenState.NO_SIGNAL));
    }

    @Test
    void on_a_simulator_fast_clock_declares_its_keep_alive_in_that_clock_seconds() {
        Instant anchor = Instant.now();
        startAgent(ScaledClock.of(Clock.systemUTC(), anchor, 60));

        await().atMost(Duration.ofSeconds(10)).until(() -> received(Birth.class).size() == 1);
        Birth birth = received(Birth.class).get(0);
        // 5 real seconds of MQTT keep-alive are 300 s on a clock running 60 times faster: the hub's silence rule agrees
        assertThat(birth.keepAliveSeconds()).isEqualTo(300);
        assertThat(birth.startedAt()).isAfterOrEqualTo(anchor);
    }

    @Test
    void sends_a_heartbeat_of_its_connection_when_it_has_sent_nothing_for_a_keep_alive() {
        startAgent();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Birth.class).size() == 1);
        long session = received(Birth.class).get(0).session();

        // telemetry every hour and no activity: only heartbeats keep the box visible
        await().atMost(Duration.ofSeconds(20)).until(() -> received(Heartbeat.class).size() >= 2);
        List<DeviceMessage> all = received();
        assertThat(received(Heartbeat.class)).allSatisfy(h -> assertThat(h.session()).isEqualTo(session));
        assertThat(all).extracting(DeviceMessage::seq).as("heartbeats take their place in the sequence")
                .isSorted().doesNotHaveDuplicates();
        List<Instant> times = received(Heartbeat.class).stream().map(Heartbeat::ts).toList();
        assertThat(Duration.between(times.get(0), times.get(1))).as("one per keep-alive, not more")
                .isBetween(Duration.ofMillis(4_500), Duration.ofSeconds(8));
    }

    @Test
    void a_frozen_agent_sends_nothing_more_while_its_connection_stays_up() {
        KioskAgent agent = startAgent();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Status.class).size() == 1);

        agent.freeze();
        int before = received().size();
        kiosk.app().startSession();

        // longer than a keep-alive: no heartbeat, no event, no will
        await().during(Duration.ofSeconds(7)).atMost(Duration.ofSeconds(8))
                .until(() -> received().size() == before && agent.isConnected());
    }

    @Test
    void broker_publishes_the_offline_will_when_the_box_loses_power() {
        KioskAgent agent = startAgent();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Status.class).size() == 1);
        long session = received(Birth.class).get(0).session();

        agent.kill();

        await().atMost(Duration.ofSeconds(10)).until(() -> received(Status.class).size() == 2);
        Status will = received(Status.class).get(1);
        assertThat(will.state()).isEqualTo(Status.ConnectionState.OFFLINE);
        assertThat(will.reason()).isEqualTo(Status.StatusReason.CONNECTION_LOST);
        assertThat(will.seq()).isEqualTo(session);
        assertThat(will.session()).isEqualTo(session);
    }

    @Test
    void a_clean_stop_sends_queued_data_then_offline_shutdown_and_no_will() {
        KioskAgent agent = startAgent();
        await().atMost(Duration.ofSeconds(10)).until(agent::isConnected);
        kiosk.app().startSession();

        agent.stop(Status.StatusReason.SHUTDOWN, Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> received(Status.class).size() == 2);
        Status last = received(Status.class).get(1);
        assertThat(last.reason()).isEqualTo(Status.StatusReason.SHUTDOWN);
        assertThat(received(EventBatch.class)).hasSize(1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received(Status.class).size() == 2);
    }

    @Test
    void replays_outbox_in_order_after_reconnect_without_a_gap() {
        KioskAgent agent = startAgent();
        await().atMost(Duration.ofSeconds(10)).until(() -> received(Status.class).size() == 1);

        network.cut();
        Set<Long> beforeCut = received().stream().map(DeviceMessage::seq).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(10)).until(() -> !agent.isConnected());
        for (int i = 0; i < 30; i++) {
            agent.sampleNow();
            kiosk.app().startSession();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.backlog() >= 30);
        int backlogWhileOffline = agent.backlog();
        network.restore();

        // a birth whose receipt the cut swallowed is sent again (unretained): two connections, maybe three births
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.backlog() == 0
                && received(Birth.class).stream().map(Birth::session).distinct().count() == 2);
        assertThat(backlogWhileOffline).isGreaterThanOrEqualTo(30);
        List<Long> dataSeqs = received().stream()
                .filter(m -> m instanceof TelemetryBatch || m instanceof EventBatch)
                .map(DeviceMessage::seq).toList();
        assertThat(dataSeqs.stream().distinct().toList()).as("in order of first arrival").isSorted();
        Set<Long> seen = new HashSet<>();
        assertThat(received().stream().map(DeviceMessage::seq).filter(s -> !seen.add(s)).toList())
                .as("sent again: only what had left before the cut, its receipt lost with the connection")
                .allMatch(beforeCut::contains);
        List<Long> accounted = new ArrayList<>(received().stream().map(DeviceMessage::seq).toList());
        received(Birth.class).forEach(b -> accounted.add(b.session()));
        long highest = accounted.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(accounted).as("every number up to the highest was sent or declared as a will")
                .containsAll(LongStream.rangeClosed(0, highest).boxed().toList());
    }
}
