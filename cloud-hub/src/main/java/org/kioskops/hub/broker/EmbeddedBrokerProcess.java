package org.kioskops.hub.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.kioskops.hub.config.BrokerConfig;
import org.kioskops.hub.identity.BrokerCa;
import org.kioskops.hub.identity.CertificateAuthority;
import org.kioskops.hub.identity.SecretHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the embedded MQTT 5 broker (HiveMQ CE, module {@code embedded-broker}) as a child process when no
 * external broker is configured. A process of its own because HiveMQ takes over logback and
 * java.util.logging, which Quarkus owns here. The child exits when its standard input closes, so it
 * never outlives the hub, even after kill -9.
 */
@ApplicationScoped
public class EmbeddedBrokerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBrokerProcess.class);
    private static final Logger BROKER_LOG = LoggerFactory.getLogger("org.kioskops.hub.broker.broker");
    private static final String MAIN_CLASS = "org.kioskops.broker.BrokerMain";
    private static final String READY = "KIOSKOPS-BROKER-READY ";
    private static final String ACCESS_RELOADED = "KIOSKOPS-BROKER-ACCESS-RELOADED ";

    private final BrokerConfig.Embedded settings;
    private final Deque<String> lastLines = new ArrayDeque<>();
    /** Browsers and TLS libraries distrust server certificates valid for longer than 398 days. */
    private static final Duration SERVER_CERTIFICATE_VALIDITY = Duration.ofDays(397);

    private Process process;
    private String keystorePassword;
    private final Map<Long, CompletableFuture<Boolean>> reloads = new ConcurrentHashMap<>();
    private final AtomicLong reloadRequests = new AtomicLong();
    private String url;

    private final BrokerCa ca;

    @Inject
    public EmbeddedBrokerProcess(BrokerConfig config, BrokerCa ca) {
        this.settings = config.embedded();
        this.ca = ca;
    }

    /**
     * Starts the broker, admitting only the accounts in {@code accessDir}, and returns its plain-TCP URL
     * once it accepts connections.
     */
    public synchronized String start(Path accessDir) {
        if (url != null) {
            return url;
        }
        Path distribution = distribution();
        int port = settings.port() == 0 ? freePort() : settings.port();
        if (settings.port() != 0 && inUse(port)) {
            throw new IllegalStateException("Port " + port + " is already in use, so the embedded MQTT broker cannot start. "
                    + "Set kioskops.broker.embedded.port to a free port, or kioskops.mqtt.url to use that broker.");
        }
        String java = ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + settings.heapMegabytes() + "m", "-cp", distribution.resolve("lib") + "/*",
                MAIN_CLASS, "--bind", settings.bindAddress(), "--port", Integer.toString(port),
                "--home", settings.home(), "--access-dir", accessDir.toAbsolutePath().toString(), "--exit-with-stdin"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (settings.tlsPort().isPresent()) {
            Path keystore = prepareTls();
            command.addAll(List.of("--tls-port", Integer.toString(settings.tlsPort().getAsInt()), "--keystore", keystore.toString(),
                    "--client-ca", keystore.resolveSibling("device-ca.jks").toString()));
            builder.command(command);
            // in the environment, not the command line, where any local user could read it
            builder.environment().put("KIOSKOPS_BROKER_KEYSTORE_PASSWORD", keystorePassword);
        } else if (!isLoopback(settings.bindAddress())) {
            LOG.warn("The embedded MQTT broker listens on {} without TLS: device secrets cross the network in clear. "
                    + "Set kioskops.broker.embedded.tls-port.", settings.bindAddress());
        }
        CompletableFuture<String> ready = new CompletableFuture<>();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start the embedded MQTT broker: " + e.getMessage(), e);
        }
        Thread reader = new Thread(() -> readOutput(ready), "embedded-broker-output");
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(() -> ready.completeExceptionally(
                new IllegalStateException("embedded MQTT broker exited with code " + process.exitValue())));
        try {
            url = ready.get(settings.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            stop();
            throw new IllegalStateException("The embedded MQTT broker did not start: " + e.getMessage()
                    + "; its last output:\n  " + String.join("\n  ", lastLines()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException("interrupted while starting the embedded MQTT broker", e);
        }
        LOG.info("Embedded MQTT 5 broker (HiveMQ CE) ready at {}{}, state in {}", url,
                settings.tlsPort().isPresent() ? " and ssl://" + settings.bindAddress() + ":" + settings.tlsPort().getAsInt() : "",
                settings.home());
        return url;
    }

    /**
     * A fresh server certificate from the hub's CA at every start (so host name changes take effect), in a
     * key store whose password exists only in this process and the broker's.
     */
    private Path prepareTls() {
        try {
            Path dir = Files.createDirectories(ca.tlsDirectory());
            CertificateAuthority.Issued server = ca.authority().issueServer(settings.tlsHostnames(), SERVER_CERTIFICATE_VALIDITY);
            keystorePassword = SecretHasher.newSecret();
            Path keystore = dir.resolve("broker.jks").toAbsolutePath();
            server.writeKeyStore(keystore, keystorePassword.toCharArray());
            // devices' client certificates come from the same CA
            ca.authority().writeTrustStore(keystore.resolveSibling("device-ca.jks"), keystorePassword.toCharArray());
            return keystore;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot prepare TLS for the embedded MQTT broker: " + e.getMessage(), e);
        }
    }

    private void readOutput(CompletableFuture<String> ready) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                remember(line);
                if (line.startsWith(READY)) {
                    ready.complete(line.substring(READY.length()).trim());
                } else if (line.startsWith(ACCESS_RELOADED)) {
                    String[] parts = line.substring(ACCESS_RELOADED.length()).trim().split(" ");
                    CompletableFuture<Boolean> reload = reloads.remove(Long.parseLong(parts[0]));
                    if (reload != null) {
                        reload.complete(parts.length > 1 && parts[1].equals("ok"));
                    }
                } else if (line.startsWith("ERROR") || line.startsWith("WARN")) {
                    BROKER_LOG.warn("{}", line);
                } else {
                    BROKER_LOG.debug("{}", line);
                }
            }
        } catch (IOException e) {
            BROKER_LOG.debug("broker output closed: {}", e.toString());
        }
    }

    private void remember(String line) {
        synchronized (lastLines) {
            if (lastLines.size() >= 20) {
                lastLines.removeFirst();
            }
            lastLines.addLast(line);
        }
    }

    private List<String> lastLines() {
        synchronized (lastLines) {
            return List.copyOf(lastLines);
        }
    }

    /** The directory with the broker's {@code lib/}: configured, or {@code embedded-broker/} next to quarkus-run.jar. */
    private Path distribution() {
        Path dir = settings.distribution().map(Path::of).orElseGet(() -> {
            Path launcher = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]).toAbsolutePath();
            return launcher.getParent() == null ? Path.of("embedded-broker") : launcher.getParent().resolve("embedded-broker");
        });
        if (!Files.isDirectory(dir.resolve("lib"))) {
            throw new IllegalStateException("The embedded MQTT broker is not at " + dir.toAbsolutePath()
                    + " (no lib/ directory). Build with 'mvn package', set kioskops.broker.embedded.distribution, "
                    + "or set kioskops.mqtt.url to use an external broker.");
        }
        return dir;
    }

    /**
     * Asks the running broker to re-read its access files now and waits (up to 10 s) until it has, so that
     * a revoked device is disconnected when this returns. Does nothing while the broker is not running: it
     * reads the files when it starts.
     */
    public void reloadAccess() {
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        synchronized (this) {
            if (process == null || url == null) {
                return;
            }
            long request = reloadRequests.incrementAndGet();
            reloads.put(request, done);
            try {
                process.getOutputStream().write(("reload " + request + "\n").getBytes(StandardCharsets.US_ASCII));
                process.getOutputStream().flush();
            } catch (IOException e) {
                reloads.remove(request);
                LOG.warn("Cannot ask the embedded MQTT broker to reload its accounts ({}); it re-reads them within a second", e.toString());
                return;
            }
        }
        try {
            if (!done.get(10, TimeUnit.SECONDS)) {
                LOG.error("The embedded MQTT broker could not apply its access files; see its log");
            }
        } catch (TimeoutException | ExecutionException e) {
            LOG.warn("The embedded MQTT broker did not confirm the reload of its accounts within 10 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the broker: closing its input asks it to shut down cleanly; it is killed if it does not. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        try {
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                LOG.warn("Embedded MQTT broker did not stop within 20 s; killing it");
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        LOG.info("Embedded MQTT broker stopped");
        process = null;
        url = null;
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean inUse(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return !socket.isBound();
        } catch (IOException e) {
            return true;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
