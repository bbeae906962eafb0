package org.kioskops.hub.support;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kioskops.testing.Ports;

/**
 * The packaged hub ({@code target/quarkus-app}) as a process of its own, started as an operator starts it, so that
 * a test can kill it ({@code SIGKILL}), freeze it ({@code SIGSTOP}) and start it again on the same database and
 * broker session. Runs with users; its first administrator has {@link #TOKEN}.
 */
public final class HubProcess implements AutoCloseable {
    /** The API token of the hub's first administrator. */
    public static final String TOKEN = "kio_hub-process-test-token";

    private final Path app;
    private final Path work;
    private final int port = Ports.free();
    private final Map<String, String> properties;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;
    private int starts;
    private Duration readyTimeout = Duration.ofSeconds(120);

    private HubProcess(Path app, Path work, Map<String, String> properties) {
        this.app = app;
        this.work = work;
        this.properties = properties;
    }

    /** The hub as built (H2 under {@code work}), with these system properties. */
    public static HubProcess asBuilt(Path work, Map<String, String> properties) {
        return new HubProcess(Path.of("target", "quarkus-app").toAbsolutePath(), work, properties);
    }

    /**
     * The hub rebuilt for PostgreSQL as docs/operations.md describes (a copy of the mutable jar, re-augmented with
     * {@code quarkus.datasource.db-kind=postgresql}), on {@code jdbcUrl} in {@code schema}.
     */
    public static HubProcess onPostgres(Path work, String jdbcUrl, String schema, Map<String, String> properties) {
        Path app = work.resolve("quarkus-app");
        copyApp(Path.of("target", "quarkus-app"), app);
        run(app, List.of(java(), "-Dquarkus.launch.rebuild=true", "-Dquarkus.datasource.db-kind=postgresql", "-jar", "quarkus-run.jar"),
                work.resolve("rebuild.log"), Duration.ofMinutes(3));
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("quarkus.datasource.jdbc.url", jdbcUrl);
        all.put("quarkus.datasource.username", "postgres");
        all.put("quarkus.flyway.schemas", schema);
        all.put("quarkus.flyway.default-schema", schema);
        return new HubProcess(app, work, all);
    }

    /** Starts the hub and waits until it is ready (connected to its broker and subscribed). */
    public HubProcess start() {
        try {
            Files.createDirectories(work);
            List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-Dquarkus.http.port=" + port,
                    "-Dkioskops.auth.bootstrap-token=" + TOKEN));
            properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
            command.addAll(List.of("-jar", app.resolve("quarkus-run.jar").toString()));
            File log = work.resolve("hub-" + (++starts) + ".log").toFile();
            process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the hub", e);
        }
        awaitReady();
        return this;
    }

    /** How long a start may take before it counts as failed (2 minutes unless set): a busy machine starts slowly. */
    public HubProcess readyWithin(Duration timeout) {
        this.readyTimeout = timeout;
        return this;
    }

    /** Waits until the hub answers ready, or fails naming its log. */
    public void awaitReady() {
        await("hub ready (log: " + log() + ")").atMost(readyTimeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> process.isAlive() && http.send(HttpRequest.newBuilder(uri("/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** Kills the hub with SIGKILL, as a crash or the OOM killer would, and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** Stops the hub with SIGTERM, as its service manager does. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    /** Freezes the hub (SIGSTOP): its sockets stay open, nothing answers. */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen hub run again (SIGCONT). */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void waitFor() {
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The hub's base URL. */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /** An absolute URI of the hub's API. */
    public URI uri(String path) {
        return baseUri().resolve(path);
    }

    /** The log of the latest start. */
    public Path log() {
        return work.resolve("hub-" + starts + ".log");
    }

    @Override
    public void close() {
        stop();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static void copyApp(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path relative = from.relativize(source);
                if (relative.startsWith("embedded-broker")) {
                    // this hub uses an external broker
                    continue;
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from, e);
        }
    }

    private static void run(Path dir, List<String> command, Path log, Duration timeout) {
        try {
            Files.createDirectories(log.getParent());
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException(command + " failed; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
