package org.kioskops.connectivity.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.connectivity.ReconnectBackoff;

/**
 * The session every KioskOps client is built on, against a real Mosquitto of its own (started here: this module
 * comes before the shared test support): what a broker restart, a PUBACK without subscribers and a late
 * acknowledgement each do.
 */
class MqttSessionIT {
    @TempDir
    Path dir;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<MqttSession.Connected> connections = new CopyOnWriteArrayList<>();
    private final List<String> losses = new CopyOnWriteArrayList<>();
    private final List<String> arrived = new CopyOnWriteArrayList<>();
    private final List<Long> arrivedOn = new CopyOnWriteArrayList<>();
    private final List<MqttMessage> messages = new CopyOnWriteArrayList<>();
    private int port;
    private Process broker;
    private MqttSession session;

    @BeforeEach
    void startBroker() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.write(dir.resolve("mosquitto.conf"), List.of("user root", "allow_anonymous true", "listener " + port + " 127.0.0.1",
                "persistence true", "persistence_location " + dir + "/"));
        startMosquitto();
    }

    private void startMosquitto() throws IOException {
        broker = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile()).start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(this::listening);
    }

    private boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (session != null) {
            session.close();
        }
        scheduler.shutdownNow();
        broker.destroy();
        broker.waitFor(10, TimeUnit.SECONDS);
    }

    private String url() {
        return "tcp://127.0.0.1:" + port;
    }

    private MqttSession session(String clientId, boolean manualAcks, List<MqttSubscription> subscriptions) {
        MqttSessionSettings settings = MqttSessionSettings.builder(url(), clientId).sessionExpirySeconds(300).manualAcks(manualAcks)
                .subscriptionsRequired(true).build();
        MqttSession s = new MqttSession(settings, new ReconnectBackoff(50, 500, new Random(7), scheduler, clientId), new MqttSession.Listener() {
            @Override
            public List<MqttSubscription> subscriptions() {
                return subscriptions;
            }

            @Override
            public void connected(MqttSession.Connected connection) {
                connections.add(connection);
            }

            @Override
            public void disconnected(String cause) {
                losses.add(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message, long connection) {
                arrived.add(new String(message.getPayload(), StandardCharsets.UTF_8));
                arrivedOn.add(connection);
                messages.add(message);
            }
        });
        s.start();
        return s;
    }

    private void publishFromAnotherClient(String topic, String text) {
        MqttSession publisher = session("publisher-" + text, false, List.of());
        try {
            await().atMost(Duration.ofSeconds(10)).until(publisher::isConnected);
            assertThat(publisher.publish(topic, new MqttMessage(text.getBytes(StandardCharsets.UTF_8), 1, false, null)))
                    .succeedsWithin(Duration.ofSeconds(5));
        } finally {
            publisher.disconnect(2000);
        }
    }

    @Test
    void connects_only_once_its_subscriptions_are_granted_and_receives_on_them() {
        session = session("subscriber", false, List.of(new MqttSubscription("kiosks/#", 1)));

        await().atMost(Duration.ofSeconds(10)).until(() -> !connections.isEmpty());
        assertThat(connections.get(0).number()).isEqualTo(1);
        assertThat(connections.get(0).sessionPresent()).isFalse();
        publishFromAnotherClient("kiosks/a", "one");

        await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains("one"));
    }

    @Test
    void reconnects_after_the_broker_restarts_with_the_session_and_messages_queued_meanwhile() throws Exception {
        session = session("subscriber", true, List.of(new MqttSubscription("kiosks/#", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 1);

        broker.destroy();
        broker.waitFor(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> !session.isConnected() && !losses.isEmpty());
        startMosquitto();

        await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 2);
        assertThat(connections.get(1).number()).isEqualTo(2);
        assertThat(connections.get(1).sessionPresent()).as("the broker saved the session at SIGTERM").isTrue();
        publishFromAnotherClient("kiosks/b", "two");
        await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains("two"));
        assertThat(arrivedOn).containsExactly(2L);
    }

    @Test
    void a_publish_without_subscribers_completes_with_the_pubacks_reason_code() {
        session = session("device", false, List.of());
        await().atMost(Duration.ofSeconds(10)).until(session::isConnected);

        Integer code = session.publish("nobody/listens", new MqttMessage(new byte[] {1}, 1, false, null)).join();

        assertThat(code).as("0x10 No matching subscribers: taken, but delivered to no one").isEqualTo(0x10);
    }

    @Test
    void an_acknowledgement_for_an_earlier_connection_is_not_sent_and_the_broker_delivers_again() throws Exception {
        session = session("subscriber", true, List.of(new MqttSubscription("kiosks/#", 1)));
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 1);
        publishFromAnotherClient("kiosks/c", "three");
        await().atMost(Duration.ofSeconds(10)).until(() -> arrived.contains("three"));
        MqttMessage first = messages.get(0);

        assertThat(session.acknowledge(first.getId(), first.getQos(), 0)).isFalse();
        // the unacknowledged message comes again on the next connection
        broker.destroy();
        broker.waitFor(10, TimeUnit.SECONDS);
        startMosquitto();

        await().atMost(Duration.ofSeconds(15)).until(() -> arrived.size() == 2);
        assertThat(arrived).containsExactly("three", "three");
        MqttMessage again = messages.get(1);
        assertThat(session.acknowledge(again.getId(), again.getQos(), arrivedOn.get(1))).isTrue();
    }
}
