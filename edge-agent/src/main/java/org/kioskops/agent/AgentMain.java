package org.kioskops.agent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.config.AgentConfigException;
import org.kioskops.agent.lifecycle.FileRunHistory;
import org.kioskops.agent.mqtt.PahoUplink;
import org.kioskops.agent.outbox.MemoryOutbox;
import org.kioskops.agent.sequence.FileSequenceStore;
import org.kioskops.protocol.Status;

/**
 * Command line of the edge agent.
 *
 * <pre>kioskops-agent [--config /etc/kioskops/agent.yaml] [--check]</pre>
 *
 * Exit codes: 0 stopped cleanly or configuration valid ({@code --check}); 64 bad arguments; 78 unusable
 * configuration (the problems are printed, one per line, each with its key).
 */
public final class AgentMain {
    static final int EX_USAGE = 64;
    static final int EX_CONFIG = 78;

    private AgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // The agent's logging setup has its own name so that it never competes with the logback.xml of an
        // application that embeds the agent (the simulator); an operator's -Dlogback.configurationFile wins.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "kioskops-agent-logback.xml");
        }
        Path configFile = Path.of("/etc/kioskops/agent.yaml");
        boolean checkOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        usage("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--check" -> checkOnly = true;
                case "--help", "-h" -> {
                    System.out.println("usage: kioskops-agent [--config FILE] [--check]");
                    return;
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        AgentConfig config;
        try {
            config = AgentConfig.load(configFile);
        } catch (AgentConfigException e) {
            System.err.println("kioskops-agent: configuration " + e.getMessage());
            System.exit(EX_CONFIG);
            return;
        }
        if (checkOnly) {
            System.out.println(configFile + ": ok");
            return;
        }
        run(config);
    }

    private static void run(AgentConfig config) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uplink-" + config.deviceId());
            t.setDaemon(true);
            return t;
        });
        KioskAgent agent = new KioskAgent(config, HardwareFactory.create(config, clock),
                new PahoUplink(config.deviceId(), config.clientId(), config.mqtt(), scheduler, new Random()),
                new MemoryOutbox(config.outbox().maxMessages()),
                new FileSequenceStore(config.stateDir().resolve("sequence")),
                new FileRunHistory(config.stateDir().resolve("run-state")),
                clock, version(), config.stateDir().resolve("desired-config.json"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.stop(Status.StatusReason.SHUTDOWN, Duration.ofSeconds(10));
            stopped.countDown();
        }, "agent-shutdown"));
        agent.start();
        stopped.await();
    }

    /** The agent version from the jar manifest, or {@code dev} when run from classes. */
    static String version() {
        String version = AgentMain.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static void usage(String problem) {
        System.err.println("kioskops-agent: " + problem + "\nusage: kioskops-agent [--config FILE] [--check]");
        System.exit(EX_USAGE);
    }
}
