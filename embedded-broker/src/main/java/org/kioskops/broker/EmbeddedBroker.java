package org.kioskops.broker;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A HiveMQ CE MQTT 5 broker configured for KioskOps: file persistence, large per-client queues, retained
 * messages and shared subscriptions on. HiveMQ denies every client unless an extension authenticates it;
 * until device credentials exist this broker admits every client, which is why it listens on loopback.
 */
public final class EmbeddedBroker implements AutoCloseable {
    /** Console only, since the hub captures it; oshi's missing-JNA complaint is noise here. */
    private static final String LOGBACK_XML = """
            <configuration scan="false">
                <appender name="CONSOLE" class="ch.qos.logback.core.ConsoleAppender">
                    <encoder><pattern>%-5level [broker] %msg%n%ex</pattern></encoder>
                </appender>
                <logger name="oshi" level="OFF"/>
                <logger name="com.hivemq.util.Checkpoints" level="OFF"/>
                <logger name="jetbrains.exodus" level="WARN"/>
                <logger name="migrations" level="WARN"/>
                <root level="INFO"><appender-ref ref="CONSOLE"/></root>
            </configuration>
            """;

    private final BrokerSettings settings;
    private EmbeddedHiveMQ hivemq;

    public EmbeddedBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    /** Writes the configuration, starts the broker and waits until its listener accepts connections. */
    public void start() throws IOException, InterruptedException {
        Path conf = Files.createDirectories(settings.home().resolve("conf"));
        Path data = Files.createDirectories(settings.home().resolve("data"));
        Path extensions = Files.createDirectories(settings.home().resolve("extensions"));
        Files.writeString(conf.resolve("config.xml"), configXml(), StandardCharsets.UTF_8);
        Files.writeString(conf.resolve("logback.xml"), LOGBACK_XML, StandardCharsets.UTF_8);
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(conf)
                .withDataFolder(data)
                .withExtensionsFolder(extensions)
                .withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("kioskops-admission")
                        .withName("KioskOps admission")
                        .withVersion("1")
                        .withAuthor("KioskOps")
                        .withPriority(0)
                        .withStartPriority(1000)
                        .withExtensionMain(new AdmitAll())
                        .build())
                .build();
        try {
            hivemq.start().get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("embedded MQTT broker did not start on " + settings.url(), e);
        }
    }

    /** The settings this broker runs with. */
    public BrokerSettings settings() {
        return settings;
    }

    String configXml() {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>%s</bind-address>
                        </tcp-listener>
                    </listeners>
                    <mqtt>
                        <queued-messages>
                            <max-queue-size>%d</max-queue-size>
                            <strategy>discard</strategy>
                        </queued-messages>
                        <packets>
                            <max-packet-size>%d</max-packet-size>
                        </packets>
                        <receive-maximum>
                            <server-receive-maximum>%d</server-receive-maximum>
                        </receive-maximum>
                        <shared-subscriptions>
                            <enabled>true</enabled>
                        </shared-subscriptions>
                        <retained-messages>
                            <enabled>true</enabled>
                        </retained-messages>
                    </mqtt>
                    <persistence>
                        <mode>file</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(settings.port(), settings.bindAddress(), settings.maxQueuedMessages(),
                settings.maxPacketSizeBytes(), settings.serverReceiveMaximum());
    }

    @Override
    public void close() throws Exception {
        if (hivemq != null) {
            hivemq.close();
            hivemq = null;
        }
    }

    /** Admits every client; replaced by registry-backed device authentication with device identity. */
    static final class AdmitAll implements ExtensionMain {
        @Override
        public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
            Services.securityRegistry().setAuthenticatorProvider(
                    providerInput -> (SimpleAuthenticator) (authInput, authOutput) -> authOutput.authenticateSuccessfully());
        }

        @Override
        public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
            // nothing to release
        }
    }
}
