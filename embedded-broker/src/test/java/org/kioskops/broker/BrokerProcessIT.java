package org.kioskops.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.testing.MqttProbe;
import org.kioskops.testing.Ports;

/** Runs the packaged broker the way the hub does: as a child process that announces readiness. */
class BrokerProcessIT {
    @TempDir
    Path home;
    private Process process;
    private int port;

    @BeforeEach
    void start_packaged_broker() throws Exception {
        port = Ports.free();
        Path lib = distribution().resolve("lib");
        String java = ProcessHandle.current().info().command().orElse("java");
        process = new ProcessBuilder(java, "-cp", lib + "/*", BrokerMain.class.getName(),
                "--port", Integer.toString(port), "--home", home.toString(), "--exit-with-stdin")
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith(BrokerMain.READY)) {
            // broker start-up log
        }
        assertThat(line).as("broker announced readiness").isEqualTo(BrokerMain.READY + " tcp://127.0.0.1:" + port);
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "broker-log-drain");
        drain.setDaemon(true);
        drain.start();
    }

    @AfterEach
    void stop() throws Exception {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void speaks_mqtt5_with_the_configured_receive_maximum_and_shared_subscriptions() {
        String url = "tcp://127.0.0.1:" + port;
        try (MqttProbe subscriber = MqttProbe.connect(url).subscribe("$share/hub/kioskops/v1/+/telemetry");
             MqttProbe publisher = MqttProbe.connect(url)) {
            assertThat(subscriber.serverReceiveMaximum()).isEqualTo(BrokerSettings.DEFAULT_SERVER_RECEIVE_MAXIMUM);

            publisher.publish("kioskops/v1/kiosk-1/telemetry", "{}");

            await().atMost(Duration.ofSeconds(10)).until(() -> subscriber.on("kioskops/v1/kiosk-1/telemetry").size() == 1);
        }
    }

    @Test
    void exits_when_its_parent_closes_standard_input() throws Exception {
        process.getOutputStream().close();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("broker exited").isTrue();
    }

    private static Path distribution() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of("target"))) {
            return dirs.filter(p -> p.getFileName().toString().endsWith("-dist")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("run 'mvn package' first: no target/*-dist"))
                    .resolve("");
        }
    }
}
