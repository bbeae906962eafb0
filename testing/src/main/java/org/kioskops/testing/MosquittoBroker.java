package org.kioskops.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Mosquitto broker of a test's own, on a free loopback port, configured the way KioskOps needs it
 * (no per-client queue limit, which by default silently drops QoS 1 messages to a slow subscriber).
 * Can be stopped and restarted on the same port to simulate a broker outage.
 */
public final class MosquittoBroker implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final List<String> extraConfig;
    private final boolean anonymous;
    private final boolean persistent;
    private Process process;

    private MosquittoBroker(Path dir, int port, boolean anonymous, boolean persistent, List<String> extraConfig) {
        this.dir = dir;
        this.port = port;
        this.anonymous = anonymous;
        this.persistent = persistent;
        this.extraConfig = extraConfig;
    }

    /** Starts a broker that admits anyone, with its files under {@code dir}. */
    public static MosquittoBroker start(Path dir, String... extraConfigLines) {
        return start(dir, true, List.of(extraConfigLines));
    }

    /**
     * Starts a broker with its files under {@code dir}; without {@code anonymous}, the extra lines must name
     * a password file. The extra lines may add listeners (such as TLS) after the plain one.
     */
    public static MosquittoBroker start(Path dir, boolean anonymous, List<String> extraConfigLines) {
        return start(new MosquittoBroker(dir, Ports.free(), anonymous, false, List.copyOf(extraConfigLines)));
    }

    /**
     * Starts a broker that admits anyone and persists as docs/operations.md configures Mosquitto for KioskOps:
     * sessions, queued messages and retained state kept under {@code dir} across restarts, saved every 30 s and
     * at a clean stop ({@link #terminate()}), so that a kill loses what arrived since the last save.
     */
    public static MosquittoBroker startPersistent(Path dir) {
        return start(new MosquittoBroker(dir, Ports.free(), true, true, List.of()));
    }

    private static MosquittoBroker start(MosquittoBroker broker) {
        // a test JVM that dies without closing its broker must not leave it running
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "mosquitto-stop"));
        broker.start();
        return broker;
    }

    /** (Re)starts the broker process on its port. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dir);
            List<String> conf = new ArrayList<>(List.of(
                    // as root, Mosquitto would switch to the user 'mosquitto', who cannot read the tests' files
                    "user root",
                    "allow_anonymous " + anonymous,
                    "listener " + port + " 127.0.0.1",
                    "max_queued_messages 0",
                    "max_inflight_messages 0",
                    "persistence " + persistent,
                    "persistence_location " + dir + "/",
                    "autosave_interval 30",
                    "log_dest file " + dir.resolve("mosquitto.log"),
                    "log_type error",
                    "log_type warning",
                    "log_type notice",
                    "log_type information"));
            conf.addAll(extraConfig);
            Path confFile = dir.resolve("mosquitto.conf");
            Files.write(confFile, conf);
            process = new ProcessBuilder("mosquitto", "-c", confFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("mosquitto.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start mosquitto (is it installed?)", e);
        }
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Ports.listening(port) || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("mosquitto exited at start; see " + dir.resolve("mosquitto.out"));
        }
    }

    /** Kills the broker, as a crash or network loss would, and waits until its port is closed. */
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Stops the broker with SIGTERM, as a service manager does: a persistent broker saves its state first. */
    public synchronized void terminate() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("mosquitto did not stop within 30 s of SIGTERM");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** The process id, for signals: SIGHUP makes Mosquitto re-read its password and ACL files. */
    public synchronized long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        stop();
    }
}
