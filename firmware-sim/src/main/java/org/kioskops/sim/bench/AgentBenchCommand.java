package org.kioskops.sim.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kioskops.agent.config.OutboxSettings;
import org.kioskops.agent.outbox.FileOutbox;
import org.kioskops.agent.outbox.Outbox;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.sim.ProcessMemory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kioskops-sim agent-bench}: the edge agent's own costs. First the durable outbox: append and replay
 * rates and the time to reopen a full outbox, for each fsync policy, on the disk of {@code --dir}. Then
 * the packaged agent as a process of its own, with the JVM options of its systemd unit, at default
 * intervals against a broker: resident memory and CPU, sampled from /proc.
 */
@Command(name = "agent-bench", mixinStandardHelpOptions = true,
        description = "Measure the edge agent: outbox append/replay rates, then RSS and CPU of the packaged agent.")
public final class AgentBenchCommand implements Callable<Integer> {
    /** The agent's systemd unit, whose environment (JAVA_OPTS, MALLOC_ARENA_MAX) the agent is measured with. */
    static final Path UNIT = Path.of("edge-agent", "src", "deb", "files", "kioskops-agent.service");

    @Option(names = "--broker", defaultValue = "tcp://127.0.0.1:1883", description = "Broker the agent reports to (default ${DEFAULT-VALUE})")
    String broker;

    @Option(names = "--agent-jar", description = "The packaged agent (default: edge-agent/target/edge-agent-*.jar)")
    Path agentJar;

    @Option(names = "--minutes", defaultValue = "10", description = "How long the agent runs, after a minute of warm-up (default ${DEFAULT-VALUE})")
    int minutes;

    @Option(names = "--messages", defaultValue = "20000", description = "Messages per outbox run; fsync=always uses a tenth (default ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--dir", description = "Where the outbox and the agent's state go (default: a new directory under /tmp)")
    Path dir;

    @Option(names = "--java-opts", description = "JVM options of the agent (default: the systemd unit's JAVA_OPTS)")
    String javaOpts;

    @Override
    public Integer call() throws Exception {
        Path work = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("kioskops-agent-bench");
        System.out.printf("agent-bench in %s, Java %s, %d cores%n", work, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        outbox(work.resolve("outbox-bench"));
        if (minutes > 0) {
            return footprint(work.resolve("agent"));
        }
        return 0;
    }

    private void outbox(Path base) throws IOException {
        byte[] payload = telemetryPayload();
        System.out.printf("%nOutbox, %d-byte messages%n", payload.length);
        System.out.printf("%-9s %9s %12s %12s %10s %12s%n", "fsync", "messages", "append/s", "replay/s", "reopen ms", "disk MiB");
        for (OutboxSettings.Fsync fsync : OutboxSettings.Fsync.values()) {
            int n = fsync == OutboxSettings.Fsync.ALWAYS ? Math.max(100, messages / 10) : messages;
            Path d = base.resolve(fsync.wire());
            OutboxSettings settings = new OutboxSettings(1_000_000, 1L << 30, null, fsync, null, null);
            long start = System.nanoTime();
            long bytes;
            try (FileOutbox outbox = new FileOutbox(d, settings)) {
                for (int i = 0; i < n; i++) {
                    outbox.append(new OutboundMessage("kioskops/v1/bench/telemetry", payload, 1, false, i));
                }
                bytes = outbox.bytesOnDisk();
            }
            double appendSeconds = (System.nanoTime() - start) / 1e9;
            long reopenStart = System.nanoTime();
            try (FileOutbox outbox = new FileOutbox(d, settings)) {
                double reopenMs = (System.nanoTime() - reopenStart) / 1e6;
                long replayStart = System.nanoTime();
                long replayed = 0;
                // as the publisher drains it: a window of 20 in flight, each removed on its acknowledgement
                while (outbox.size() > 0) {
                    for (Outbox.Entry e : outbox.peek(20)) {
                        outbox.remove(e.id());
                        replayed++;
                    }
                }
                double replaySeconds = (System.nanoTime() - replayStart) / 1e9;
                System.out.printf("%-9s %9d %12.0f %12.0f %10.1f %12.1f%n", fsync.wire(), n, n / appendSeconds, replayed / replaySeconds,
                        reopenMs, bytes / 1048576.0);
            }
            deleteTree(d);
        }
    }

    private int footprint(Path work) throws Exception {
        Path jar = agentJar != null ? agentJar : findAgentJar();
        int statusPort;
        try (ServerSocket s = new ServerSocket(0)) {
            statusPort = s.getLocalPort();
        }
        Files.createDirectories(work);
        Path config = work.resolve("agent.yaml");
        String device = "bench-agent-" + Long.toString(System.currentTimeMillis(), 36);
        Files.writeString(config, String.join("\n",
                "deviceId: " + device,
                "hardwareModel: bench",
                "stateDir: " + work.resolve("state").toAbsolutePath(),
                "mqtt:",
                "  url: " + broker,
                "hardware:",
                "  system: linux",
                "  screen: sim",
                "  health: sim",
                "  lockers:",
                "    driver: sim",
                "    banks:",
                "      - {id: A, compartments: 24}",
                "local:",
                "  statusPort: " + statusPort, ""));
        Map<String, String> unitEnvironment = unitEnvironment();
        if (javaOpts == null) {
            javaOpts = unitEnvironment.getOrDefault("JAVA_OPTS", "");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(javaOpts.trim().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString(), "--config", config.toString()));
        System.out.printf("%nAgent %s at default intervals (telemetry 30 s, keep-alive 30 s) against %s%nJVM: %s%n", device, broker, javaOpts);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("agent.log").toFile());
        unitEnvironment.forEach((k, v) -> {
            if (!k.equals("JAVA_OPTS")) {
                builder.environment().put(k, v);
                System.out.printf("environment: %s=%s%n", k, v);
            }
        });
        Process agent = builder.start();
        long ticksPerSecond = 100; // USER_HZ on Linux
        try {
            if (agent.waitFor(60, TimeUnit.SECONDS)) {
                System.err.println("the agent exited during warm-up; see " + work.resolve("agent.log"));
                return 1;
            }
            long startTicks = cpuTicks(agent.pid());
            long startNanos = System.nanoTime();
            long startAcked = acknowledged(statusPort);
            List<Long> rss = new ArrayList<>();
            long end = startNanos + minutes * 60_000_000_000L;
            long nextReport = startNanos + 30_000_000_000L;
            // one sample every 5 s; waitFor returns early if the agent dies
            while (System.nanoTime() < end && !agent.waitFor(5, TimeUnit.SECONDS)) {
                long[] mem = ProcessMemory.of(agent.pid());
                if (mem != null) {
                    rss.add(mem[0]);
                }
                if (System.nanoTime() >= nextReport) {
                    nextReport += 30_000_000_000L;
                    double elapsed = (System.nanoTime() - startNanos) / 1e9;
                    System.out.printf("  %4.0f/%d s  RSS %5.1f MB  CPU %.3f%% of one core%n", elapsed, minutes * 60,
                            mem == null ? 0 : mem[0] / 1024.0, 100.0 * (cpuTicks(agent.pid()) - startTicks) / ticksPerSecond / elapsed);
                }
            }
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            double cpuSeconds = (double) (cpuTicks(agent.pid()) - startTicks) / ticksPerSecond;
            long[] mem = ProcessMemory.of(agent.pid());
            long acked = acknowledged(statusPort) - startAcked;
            rss.sort(Comparator.naturalOrder());
            System.out.printf("%nSummary over %.0f s after a 60 s warm-up%n", seconds);
            System.out.printf("  RSS       median %.1f MB, max %.1f MB, peak since start (VmHWM) %.1f MB%n",
                    rss.get(rss.size() / 2) / 1024.0, rss.get(rss.size() - 1) / 1024.0, mem == null ? 0 : mem[1] / 1024.0);
            System.out.printf("  CPU       %.3f%% of one core, %.1f CPU seconds per hour%n", 100 * cpuSeconds / seconds, cpuSeconds * 3600 / seconds);
            System.out.printf("  messages  %d acknowledged (%.1f per minute)%n", acked, acked * 60 / seconds);
            return 0;
        } finally {
            agent.destroy();
            agent.waitFor();
        }
    }

    /** The {@code Environment=} settings of the unit, if it is there (run from the source tree). */
    private static Map<String, String> unitEnvironment() throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        if (!Files.exists(UNIT)) {
            return env;
        }
        for (String line : Files.readAllLines(UNIT)) {
            if (line.startsWith("Environment=")) {
                String value = line.substring("Environment=".length());
                if (value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                int eq = value.indexOf('=');
                env.put(value.substring(0, eq), value.substring(eq + 1));
            }
        }
        return env;
    }

    private long acknowledged(int port) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/status"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            JsonNode status = new ObjectMapper().readTree(r.body());
            return status.path("messagesAcknowledged").asLong();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** utime + stime of a process, in clock ticks, from /proc/PID/stat. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static Path findAgentJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("edge-agent", "target"))) {
            return files.filter(f -> f.getFileName().toString().matches("edge-agent-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IOException("no edge-agent/target/edge-agent-*.jar: build it, or pass --agent-jar"));
        }
    }

    private static byte[] telemetryPayload() {
        StringBuilder lockers = new StringBuilder();
        for (int i = 1; i <= 24; i++) {
            lockers.append(i > 1 ? "," : "").append("{\"no\":").append(i).append(",\"occupied\":").append(i % 3 == 0).append(",\"doorOpen\":false}");
        }
        return ("{\"v\":\"1.2\",\"deviceId\":\"bench\",\"seq\":1,\"samples\":[{\"ts\":\"2026-11-28T08:00:00Z\",\"uptimeSeconds\":86012,"
                + "\"screen\":{\"state\":\"on\",\"brightness\":80},\"lockers\":[{\"bank\":\"A\",\"compartments\":[" + lockers + "]}],"
                + "\"system\":{\"cpuTempC\":51.2,\"memUsedBytes\":412000000,\"memTotalBytes\":1900000000}}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static void deleteTree(Path d) throws IOException {
        try (Stream<Path> files = Files.walk(d)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
