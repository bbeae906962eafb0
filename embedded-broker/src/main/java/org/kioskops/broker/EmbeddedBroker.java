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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A HiveMQ CE MQTT 5 broker configured for KioskOps: file persistence, large per-client queues, retained
 * messages and shared subscriptions on, optionally a TLS listener. Clients are authenticated and confined
 * to their topics by {@link AccessControl} from the files the hub writes; without an access directory every
 * client is admitted (only for tests of the broker itself).
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
    private AccessControl access;

    public EmbeddedBroker(BrokerSettings settings) {
        this.settings = settings;
    }

    /** Writes the configuration, starts the broker and waits until its listener accepts connections. */
    public void start() throws IOException, InterruptedException {
        Path conf = Files.createDirectories(settings.home().resolve("conf"));
        Path data = Files.createDirectories(settings.home().resolve("data"));
        Path extensions = Files.createDirectories(settings.home().resolve("extensions"));
        Path config = conf.resolve("config.xml");
        Files.deleteIfExists(config);
        Files.createFile(config);
        try {
            // it may hold the TLS key store's password
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        Files.writeString(config, configXml(), StandardCharsets.UTF_8);
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
                        .withExtensionMain(admission())
                        .build())
                .build();
        try {
            hivemq.start().get(120, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("embedded MQTT broker did not start on " + settings.url(), e);
        }
    }

    private ExtensionMain admission() throws IOException {
        if (settings.accessDir() == null) {
            return new AdmitAll();
        }
        access = new AccessControl(settings.accessDir());
        return access;
    }

    /**
     * Re-reads the access files now instead of at the next poll, disconnecting clients whose password is
     * no longer valid.
     *
     * @return whether the files could be read (the previous accounts stay in force if not)
     */
    public boolean reloadAccess() {
        return access == null || access.reloadIfChanged();
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
                        %s
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
                """.formatted(settings.port(), settings.bindAddress(), tlsListener(), settings.maxQueuedMessages(),
                settings.maxPacketSizeBytes(), settings.serverReceiveMaximum());
    }

    private String tlsListener() {
        BrokerSettings.Tls tls = settings.tls();
        if (tls == null) {
            return "";
        }
        return """
                <tls-tcp-listener>
                    <port>%d</port>
                    <bind-address>%s</bind-address>
                    <tls>
                        <keystore>
                            <path>%s</path>
                            <password>%s</password>
                            <private-key-password>%s</private-key-password>
                        </keystore>
                        %s
                    </tls>
                </tls-tcp-listener>
                """.formatted(tls.port(), settings.bindAddress(), tls.keystore().toAbsolutePath(), xml(tls.password()), xml(tls.password()),
                clientAuthentication(tls));
    }

    private static String clientAuthentication(BrokerSettings.Tls tls) {
        if (tls.truststore() == null) {
            return "<client-authentication-mode>NONE</client-authentication-mode>";
        }
        return """
                <truststore>
                    <path>%s</path>
                    <password>%s</password>
                </truststore>
                <client-authentication-mode>OPTIONAL</client-authentication-mode>""".formatted(
                tls.truststore().toAbsolutePath(), xml(tls.password()));
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    @Override
    public void close() throws Exception {
        if (hivemq != null) {
            hivemq.close();
            hivemq = null;
        }
    }

    /** Admits every client: for tests of the broker process itself, never started so by the hub. */
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
