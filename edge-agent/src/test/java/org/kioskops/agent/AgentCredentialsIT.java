package org.kioskops.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.config.MqttSettings;
import org.kioskops.agent.config.TelemetrySettings;
import org.kioskops.agent.hardware.sim.SimulatedKiosk;
import org.kioskops.agent.lifecycle.MemoryRunHistory;
import org.kioskops.agent.mqtt.PahoUplink;
import org.kioskops.agent.outbox.MemoryOutbox;
import org.kioskops.agent.sequence.MemorySequenceStore;
import org.kioskops.testing.MosquittoBroker;
import org.kioskops.testing.MqttProbe;
import org.slf4j.LoggerFactory;

/**
 * The agent's credentials against a Mosquitto that admits only its password file (written with
 * mosquitto_passwd): clear errors when refused, never a secret in a log line, and a secret changed in the
 * password file picked up without a restart.
 */
class AgentCredentialsIT {
    private static final String DEVICE = "kiosk-cred-1";
    private static final String SECRET = "right-secret-8f3a1c";
    private static final String WRONG = "wrong-secret-77d0e2";
    private static final String ROTATED = "rotated-secret-5b9e44";

    @TempDir
    Path dir;
    private Path passwd;
    private Path secretFile;
    private MosquittoBroker broker;
    private MqttProbe observer;
    private KioskAgent agent;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start_broker() throws Exception {
        passwd = dir.resolve("passwd");
        mosquittoPasswd("-c", "-b", passwd.toString(), DEVICE, SECRET);
        mosquittoPasswd("-b", passwd.toString(), "observer", "observer-secret");
        Path acl = dir.resolve("acl");
        Files.writeString(acl, "pattern readwrite kioskops/v1/%u/#\nuser observer\ntopic read kioskops/v1/#\n");
        broker = MosquittoBroker.start(dir.resolve("broker"), false,
                List.of("password_file " + passwd, "acl_file " + acl, "use_username_as_clientid true"));
        observer = MqttProbe.to(broker.url()).as("observer", "observer-secret").connect().subscribe("kioskops/v1/" + DEVICE + "/status");
        secretFile = dir.resolve("mqtt-secret");
        logs.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    @AfterEach
    void stop_everything() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (agent != null) {
            agent.kill();
        }
        observer.close();
        broker.close();
        scheduler.shutdownNow();
    }

    private static void mosquittoPasswd(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("mosquitto_passwd"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as("mosquitto_passwd: %s", output).isZero();
    }

    private void startAgent() {
        MqttSettings mqtt = new MqttSettings(broker.url(), null, 5, 3600L, 2, 50L, 500L, null, null, null, secretFile, null, null, null);
        AgentConfig config = new AgentConfig(DEVICE, "test-box", dir.resolve("state"), mqtt, new TelemetrySettings(3600, 20), null, null);
        SimulatedKiosk kiosk = new SimulatedKiosk(Clock.systemUTC(), new Random(7), List.of(2), false);
        agent = new KioskAgent(config, kiosk.hardware(), new PahoUplink(DEVICE, DEVICE, mqtt, scheduler, new Random(1)),
                new MemoryOutbox(1000), new MemorySequenceStore(0), new MemoryRunHistory(),
                Clock.systemUTC(), "test");
        agent.start();
    }

    private List<String> logLines() {
        return logs.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    private boolean onlineAnnounced() {
        return observer.received().stream().anyMatch(r -> r.text().contains("\"state\":\"online\""));
    }

    @Test
    void a_wrong_secret_is_refused_with_one_clear_error_and_a_corrected_file_is_picked_up_without_restart() throws Exception {
        Files.writeString(secretFile, WRONG + "\n");
        startAgent();

        await("refusal logged").atMost(Duration.ofSeconds(10)).until(() -> logs.list.stream()
                .anyMatch(e -> e.getLevel() == Level.ERROR && e.getFormattedMessage().contains(DEVICE + " refused by")));
        assertThat(agent.isConnected()).isFalse();
        assertThat(logLines()).filteredOn(line -> line.startsWith("ERROR")).singleElement().asString()
                .contains("does not authorise this client").contains("mqtt.passwordFile");

        Files.writeString(secretFile, SECRET + "\n");
        await("connected with the corrected secret").atMost(Duration.ofSeconds(15)).until(this::onlineAnnounced);
        assertThat(agent.isConnected()).isTrue();
        assertThat(logLines()).noneMatch(line -> line.contains(WRONG) || line.contains(SECRET));
    }

    @Test
    void a_revoked_secret_cuts_the_agent_off_and_a_new_one_in_the_file_brings_it_back() throws Exception {
        Files.writeString(secretFile, SECRET);
        startAgent();
        await("connected").atMost(Duration.ofSeconds(10)).until(this::onlineAnnounced);

        // what the hub does on rotation: a new hash in the password file, then SIGHUP
        mosquittoPasswd("-b", passwd.toString(), DEVICE, ROTATED);
        new ProcessBuilder("kill", "-HUP", Long.toString(broker.pid())).start().waitFor();
        await("disconnected by the broker").atMost(Duration.ofSeconds(10)).until(() -> agent.stats().connectionLosses() >= 1);

        Files.writeString(secretFile, ROTATED);
        await("reconnected with the rotated secret").atMost(Duration.ofSeconds(15))
                .until(() -> agent.isConnected() && agent.stats().connects() >= 2);
        assertThat(logLines()).noneMatch(line -> line.contains(SECRET) || line.contains(ROTATED));
    }
}
