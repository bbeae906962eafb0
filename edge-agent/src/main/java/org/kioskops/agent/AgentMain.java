package org.kioskops.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.kioskops.agent.coap.CoapUplink;
import org.kioskops.agent.config.AgentConfig;
import org.kioskops.agent.config.AgentConfigException;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.hardware.local.LocalHealthIntake;
import org.kioskops.agent.lifecycle.FileRunHistory;
import org.kioskops.agent.lifecycle.ServiceManager;
import org.kioskops.agent.lifecycle.systemd.SystemdNotify;
import org.kioskops.agent.local.LocalHttpServer;
import org.kioskops.agent.mqtt.PahoUplink;
import org.kioskops.agent.outbox.FileOutbox;
import org.kioskops.agent.provision.Claimer;
import org.kioskops.agent.sequence.FileSequenceStore;
import org.kioskops.agent.update.FirmwareFlasher;
import org.kioskops.agent.update.Installer;
import org.kioskops.agent.update.Installers;
import org.kioskops.agent.update.SideBySideInstaller;
import org.kioskops.protocol.Status;
import org.slf4j.LoggerFactory;

/**
 * Command line of the edge agent.
 *
 * <pre>kioskops-agent [--config /etc/kioskops/agent.yaml] [--check | status]</pre>
 *
 * Exit codes: 0 stopped cleanly, configuration valid ({@code --check}) or connected ({@code status});
 * 1 running but not connected ({@code status}); 3 not running ({@code status}); 64 bad arguments;
 * 70 the agent could not start (its state directory cannot be used); 78 unusable configuration (the
 * problems are printed, one per line, each with its key).
 */
public final class AgentMain {
    static final int EX_NOT_CONNECTED = 1;
    static final int EX_NOT_RUNNING = 3;
    static final int EX_USAGE = 64;
    static final int EX_SOFTWARE = 70;
    static final int EX_CONFIG = 78;
    private static final String USAGE = "usage: kioskops-agent [--config FILE] [--check | status] | --version";

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
        boolean status = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        usage("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "--check" -> checkOnly = true;
                case "--version" -> {
                    System.out.println("kioskops-agent " + version() + " (" + jarLocation() + ")");
                    System.exit(0);
                }
                case "status" -> status = true;
                case "--help", "-h" -> {
                    System.out.println(USAGE);
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
        if (status) {
            System.exit(printStatus(config));
        }
        run(config);
    }

    /**
     * A box that claims its secret with a code does so beside the running agent, which keeps its readings and
     * connects once the secret is in its password file.
     */
    private static void claimIfNeeded(AgentConfig config) {
        if (!config.provisioning().claims()) {
            return;
        }
        Claimer claimer = new Claimer(config.deviceId(), config.provisioning().claimCode(), URI.create(config.provisioning().hubUrl()),
                Duration.ofSeconds(config.provisioning().pollSeconds()), config.mqtt().passwordFile(), config.stateDir());
        if (claimer.provisioned()) {
            return;
        }
        Thread thread = new Thread(claimer::run, "claim-" + config.deviceId());
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(AgentConfig config) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "uplink-" + config.deviceId());
            t.setDaemon(true);
            return t;
        });
        KioskAgent agent;
        Hardware hardware = HardwareFactory.create(config, clock);
        SideBySideInstaller installer = new SideBySideInstaller(config.update().installRoot());
        try {
            agent = new KioskAgent(config, hardware,
                    config.mqtt().url().startsWith("coaps://")
                            ? new CoapUplink(config.deviceId(), config.mqtt(), scheduler, new Random())
                            : new PahoUplink(config.deviceId(), config.clientId(), config.mqtt(), scheduler, new Random()),
                    new FileOutbox(config.stateDir().resolve("outbox"), config.outbox()),
                    new FileSequenceStore(config.stateDir().resolve("sequence")),
                    new FileRunHistory(config.stateDir().resolve("run-state")),
                    clock, runningVersion(config.update().installRoot()), config.stateDir().resolve("desired-config.json"));
            // systemd's Restart=always starts the agent again, from the version now active; the shutdown hook
            // sends what is queued first
            Installer flasher = config.update().firmwareCommand() == null ? null
                    : new FirmwareFlasher(config.update().firmwareCommand());
            agent.enableUpdates(Installers.of(installer, flasher),
                    () -> new Thread(() -> System.exit(0), "agent-update-restart").start(), null, config.stateDir().resolve("update"));
        } catch (UncheckedIOException e) {
            System.err.println("kioskops-agent: cannot use the state directory " + config.stateDir() + ": " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause() + ")"));
            System.exit(EX_SOFTWARE);
            return;
        }
        ServiceManager manager = SystemdNotify.fromEnvironment(System.getenv()).orElse(ServiceManager.NONE);
        LocalHttpServer statusServer = null;
        if (config.local().statusPort() > 0) {
            try {
                statusServer = LocalHttpServer.start(config.local().statusPort(), agent::status,
                        hardware.healthStation().filter(LocalHealthIntake.class::isInstance).map(LocalHealthIntake.class::cast).orElse(null));
            } catch (IOException e) {
                // the status page is for installers; a taken port must not keep the box from reporting
                LoggerFactory.getLogger(AgentMain.class).warn("{} local status not served on port {}: {}",
                        config.deviceId(), config.local().statusPort(), e.toString());
            }
        }
        LocalHttpServer served = statusServer;
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            manager.stopping("sending what is queued, then disconnecting");
            agent.stop(Status.StatusReason.SHUTDOWN, Duration.ofSeconds(10));
            if (served != null) {
                served.close();
            }
            stopped.countDown();
        }, "agent-shutdown"));
        agent.start();
        claimIfNeeded(config);
        agent.watchedBy(manager);
        manager.ready();
        stopped.await();
    }

    /** Asks the running agent for its status and prints it for a person; returns the exit code. */
    static int printStatus(AgentConfig config) {
        if (config.local().statusPort() == 0) {
            System.err.println("kioskops-agent: local.statusPort is 0: the running agent serves no status");
            return EX_USAGE;
        }
        HttpResponse<String> response;
        try {
            response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + config.local().statusPort() + "/status"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            System.out.println("agent: not running (nothing answers on 127.0.0.1:" + config.local().statusPort()
                    + "); see: systemctl status kioskops-agent; journalctl -u kioskops-agent");
            return EX_NOT_RUNNING;
        } catch (IOException e) {
            System.out.println("agent: no answer on 127.0.0.1:" + config.local().statusPort() + ": " + e);
            return EX_NOT_RUNNING;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EX_NOT_RUNNING;
        }
        try {
            JsonNode s = new ObjectMapper().readTree(response.body());
            System.out.println(StatusReport.format(s));
            return s.path("connected").asBoolean() ? 0 : EX_NOT_CONNECTED;
        } catch (IOException e) {
            System.out.println("agent: unreadable status (" + e.getMessage() + ")");
            return EX_NOT_RUNNING;
        }
    }

    /**
     * The version running: the directory's name when the launcher started a side-by-side installed version
     * ({@code <installRoot>/versions/<version>/}), else the jar manifest's.
     */
    static String runningVersion(Path installRoot) {
        try {
            Path jar = Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toRealPath();
            Path versions = installRoot.resolve("versions").toRealPath();
            if (jar.getParent() != null && versions.equals(jar.getParent().getParent())) {
                return jar.getParent().getFileName().toString();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // not installed side by side
        }
        return version();
    }

    private static String jarLocation() {
        try {
            return Path.of(AgentMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toRealPath().toString();
        } catch (URISyntaxException | IOException | RuntimeException e) {
            return "unknown location";
        }
    }

    /** The agent version from the jar manifest, or {@code dev} when run from classes. */
    static String version() {
        String version = AgentMain.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    private static void usage(String problem) {
        System.err.println("kioskops-agent: " + problem + "\n" + USAGE);
        System.exit(EX_USAGE);
    }
}
