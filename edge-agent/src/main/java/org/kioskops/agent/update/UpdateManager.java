package org.kioskops.agent.update;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.kioskops.agent.config.UpdateSettings;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.kioskops.protocol.SoftwareVersions;
import org.kioskops.protocol.UpdateOrder;
import org.kioskops.protocol.UpdateState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the hub's update orders on the box, reporting every step: downloads with resume, verifies the
 * hash and the signature against the pinned release key, waits until no resident is at the lockers or the
 * health station, installs beside the running version, switches and restarts; then the new version checks
 * itself and keeps its place, or switches back and restarts into the old one. Crash loops are caught by
 * counting the new version's starts. All of it runs on one worker thread, in order.
 */
public final class UpdateManager {
    private static final Logger LOG = LoggerFactory.getLogger(UpdateManager.class);
    private static final int DOWNLOAD_ATTEMPTS = 8;

    /** Hands a report to the agent's outbox; the future completes once it is queued there (and so survives a restart). */
    @FunctionalInterface
    public interface Reporter {
        CompletableFuture<Void> report(long deploymentId, UpdateState state, String version, String running, Long bytes, String code,
                                       String detail);
    }

    private final String deviceId;
    private final UpdateSettings settings;
    private final Path dir;
    private final Installer installer;
    private final Hardware hardware;
    private final String running;
    private final Reporter reporter;
    private final Supplier<Optional<String>> healthProblem;
    private final Restarter restarter;
    private final ScheduledExecutorService worker;
    private final ReleaseDownload download;
    private final ProtocolCodec codec = new ProtocolCodec();
    private UpdateJournal journal;
    private ReleaseKey key;
    private ScheduledFuture<?> pending;
    private boolean closed;

    /**
     * @param dir           where the journal and downloads are kept (in the agent's state directory)
     * @param running       the version of this agent
     * @param healthProblem the agent's own check: empty when the broker is connected and the hardware answers
     */
    public UpdateManager(String deviceId, UpdateSettings settings, Path dir, Installer installer, Hardware hardware, String running,
                         Reporter reporter, Supplier<Optional<String>> healthProblem, Restarter restarter, ScheduledExecutorService worker,
                         HttpClient http) {
        this.deviceId = deviceId;
        this.settings = settings;
        this.dir = dir;
        this.installer = installer;
        this.hardware = hardware;
        this.running = running;
        this.reporter = reporter;
        this.healthProblem = healthProblem;
        this.restarter = restarter;
        this.worker = worker;
        this.download = new ReleaseDownload(http == null ? ReleaseDownload.defaultClient() : http);
    }

    /** Opens the journal and carries on with an update a restart interrupted, or checks a version just switched to. */
    public void start() {
        worker.execute(() -> {
            try {
                journal = new UpdateJournal(dir.resolve("journal.json"));
            } catch (IOException e) {
                LOG.error("{} cannot read its update journal in {}: {}; updates are refused", deviceId, dir, e.toString());
                return;
            }
            if (settings.releaseKeyFile() != null) {
                try {
                    key = ReleaseKey.load(settings.releaseKeyFile());
                } catch (IOException e) {
                    LOG.error("{} cannot load the release key: {}; updates are refused", deviceId, e.getMessage());
                }
            }
            resume();
        });
    }

    /** An order from the hub's update topic (retained: it comes again at every connection). */
    public void receive(byte[] payload) {
        worker.execute(() -> {
            if (closed || journal == null) {
                return;
            }
            UpdateOrder order;
            try {
                order = codec.decodeUpdateOrder(deviceId, payload);
            } catch (ProtocolException e) {
                LOG.warn("{} ignored an update order it cannot read: {}", deviceId, e.getMessage());
                return;
            }
            UpdateJournal.Entry current = journal.current();
            if (order.action() == UpdateOrder.Action.CANCEL) {
                if (current != null && current.deploymentId() == order.deploymentId() && current.phase() == UpdateJournal.Phase.FETCHING) {
                    abandon(current, "cancelled", "the hub cancelled the deployment before the install");
                }
                return;
            }
            if (journal.finished(order.deploymentId()) || (current != null && current.deploymentId() == order.deploymentId())) {
                return;
            }
            if (current != null && current.phase() == UpdateJournal.Phase.VERIFYING) {
                LOG.info("{} holds update order {} until the version it switched to has passed its check", deviceId, order.deploymentId());
                return;
            }
            if (current != null) {
                abandon(current, "superseded", "deployment " + order.deploymentId() + " replaced it");
            }
            accept(order, new String(payload, StandardCharsets.UTF_8));
        });
    }

    /** Stops pending work (the agent is stopping); a download in flight ends at its next read. */
    public void close() {
        worker.execute(() -> {
            closed = true;
            if (pending != null) {
                pending.cancel(false);
            }
        });
    }

    private void accept(UpdateOrder order, String json) {
        String refusal = refusal(order);
        if (refusal != null) {
            String code = refusal.substring(0, refusal.indexOf(':'));
            report(order.deploymentId(), UpdateState.FAILED, order.version(), null, code, refusal.substring(code.length() + 2));
            finish(order.deploymentId());
            return;
        }
        if (installer.restartsAgent(order.releaseKind()) && SoftwareVersions.compare(order.version(), running) == 0) {
            report(order.deploymentId(), UpdateState.SUCCEEDED, order.version(), null, null, "already running " + running);
            finish(order.deploymentId());
            return;
        }
        LOG.info("{} received update {} to {} {} (deployment {})", deviceId, order.releaseKind(), order.version(), order.url(),
                order.deploymentId());
        try {
            journal.begin(new UpdateJournal.Entry(order.deploymentId(), UpdateJournal.Phase.FETCHING, json, order.version(), running, 0, false));
        } catch (IOException e) {
            report(order.deploymentId(), UpdateState.FAILED, order.version(), null, "storage_failed", "cannot write the journal: " + e);
            return;
        }
        fetch(order, 1);
    }

    /** Why the order is refused outright, as {@code code: detail}; null when it may go ahead. */
    private String refusal(UpdateOrder order) {
        if (key == null) {
            return "no_release_key: no release key is pinned (update.releaseKeyFile); the agent installs nothing it cannot authenticate";
        }
        if (!installer.supports(order.releaseKind())) {
            return "unsupported_kind: this box does not install " + order.releaseKind() + " releases";
        }
        if (installer.restartsAgent(order.releaseKind()) && SoftwareVersions.compare(order.version(), running) < 0 && !order.allowDowngrade()) {
            return "downgrade_refused: " + order.version() + " is older than the running " + running + " and the campaign allows no downgrade";
        }
        return null;
    }

    private Path part(UpdateOrder order) {
        return dir.resolve(order.sha256() + ".part");
    }

    private void fetch(UpdateOrder order, int attempt) {
        if (closed) {
            return;
        }
        Path part = part(order);
        try {
            long held = Files.exists(part) ? Files.size(part) : 0;
            report(order.deploymentId(), UpdateState.DOWNLOADING, order.version(), held, null,
                    held > 0 ? "resuming from byte " + held : null);
            download.complete(URI.create(order.url()), part, order.size(), bytes -> { });
        } catch (IOException e) {
            long held = sizeOf(part);
            if (attempt >= DOWNLOAD_ATTEMPTS) {
                abandon(journal.current(), "download_failed", "gave up after " + attempt + " attempts: " + e.getMessage());
                return;
            }
            long delay = Math.min(300, 1L << attempt);
            LOG.warn("{} download of {} stopped at {} of {} bytes ({}); resuming in {} s", deviceId, order.version(), held, order.size(),
                    e.getMessage(), delay);
            pending = worker.schedule(() -> fetch(order, attempt + 1), delay, TimeUnit.SECONDS);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IllegalArgumentException e) {
            abandon(journal.current(), "download_failed", "bad URL: " + e.getMessage());
            return;
        }
        try {
            String hash = sha256(part);
            if (!hash.equals(order.sha256())) {
                Files.deleteIfExists(part);
                abandon(journal.current(), "hash_mismatch", "the file hashes to " + hash + ", the order names " + order.sha256());
                return;
            }
            if (!key.verifies(part, order.signature())) {
                Files.deleteIfExists(part);
                abandon(journal.current(), "signature_invalid", "the signature does not verify against the pinned release key");
                return;
            }
        } catch (IOException e) {
            abandon(journal.current(), "storage_failed", "cannot read the download: " + e.getMessage());
            return;
        }
        report(order.deploymentId(), UpdateState.DOWNLOADED, order.version(), order.size(), null, "hash and signature verified");
        awaitIdle(order, null);
    }

    /** Waits while residents use the box; reports what it waits for whenever that changes. */
    private void awaitIdle(UpdateOrder order, String waitingFor) {
        if (closed) {
            return;
        }
        Optional<String> busy = ResidentActivity.inProgress(hardware);
        if (busy.isPresent()) {
            if (!busy.get().equals(waitingFor)) {
                LOG.info("{} waits to install {}: {}", deviceId, order.version(), busy.get());
                report(order.deploymentId(), UpdateState.DOWNLOADED, order.version(), order.size(), null, "waiting: " + busy.get());
            }
            pending = worker.schedule(() -> awaitIdle(order, busy.get()), settings.idleCheckSeconds(), TimeUnit.SECONDS);
            return;
        }
        install(order);
    }

    private void install(UpdateOrder order) {
        report(order.deploymentId(), UpdateState.INSTALLING, order.version(), null, null, null);
        UpdateJournal.Entry entry = journal.current();
        if (!installer.restartsAgent(order.releaseKind())) {
            installInPlace(order, entry);
            return;
        }
        try {
            installer.install(part(order), order.releaseKind(), order.version());
            Files.deleteIfExists(part(order));
            journal.update(entry.verifying(running));
            installer.activate(order.version());
        } catch (IOException e) {
            try {
                installer.activate(running);
            } catch (IOException again) {
                LOG.error("{} could not switch back to {} after a failed install: {}", deviceId, running, again.toString());
            }
            abandon(entry, "install_failed", e.getMessage());
            return;
        }
        LOG.info("{} switched to {}; restarting into it", deviceId, order.version());
        restart(report(order.deploymentId(), UpdateState.INSTALLING, order.version(), null, null, "switched; restarting"));
    }

    /** Firmware: flashed by its tool, then the hardware must answer; there is no old copy to switch back to. */
    private void installInPlace(UpdateOrder order, UpdateJournal.Entry entry) {
        try {
            installer.install(part(order), order.releaseKind(), order.version());
            Files.deleteIfExists(part(order));
        } catch (IOException | RuntimeException e) {
            abandon(entry, "install_failed", e.getMessage());
            return;
        }
        LOG.info("{} flashed {} {}; checking the hardware", deviceId, order.releaseKind(), order.version());
        report(order.deploymentId(), UpdateState.VERIFYING, order.version(), null, null, "flashed; checking the hardware");
        checkInPlace(order, entry, System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.healthCheckSeconds()));
    }

    private void checkInPlace(UpdateOrder order, UpdateJournal.Entry entry, long deadline) {
        if (closed) {
            return;
        }
        Optional<String> problem = healthProblem.get().or(() -> installer.selfCheck(order.version()));
        if (problem.isEmpty()) {
            report(order.deploymentId(), UpdateState.SUCCEEDED, order.version(), null, null, "flashed; the hardware answers");
            finish(order.deploymentId());
        } else if (System.nanoTime() - deadline >= 0) {
            report(order.deploymentId(), UpdateState.FAILED, order.version(), null, "health_check_failed",
                    "flashed, then " + problem.get() + " after " + settings.healthCheckSeconds() + " s");
            finish(order.deploymentId());
        } else {
            pending = worker.schedule(() -> checkInPlace(order, entry, deadline), 1, TimeUnit.SECONDS);
        }
    }

    /** At start: carry on fetching, or check the version this box just switched to. */
    private void resume() {
        UpdateJournal.Entry entry = journal.current();
        if (entry == null) {
            return;
        }
        UpdateOrder order;
        try {
            order = codec.decodeUpdateOrder(deviceId, entry.order().getBytes(StandardCharsets.UTF_8));
        } catch (ProtocolException e) {
            finish(entry.deploymentId());
            return;
        }
        if (entry.phase() == UpdateJournal.Phase.FETCHING) {
            fetch(order, 1);
        } else if (entry.rolledBack()) {
            // the old version runs again: the new one reported its rollback before switching back
            finish(entry.deploymentId());
        } else if (!running.equals(entry.version())) {
            report(entry.deploymentId(), UpdateState.ROLLED_BACK, entry.version(), null, "not_started",
                    "after the switch to " + entry.version() + " the box started " + running);
            finish(entry.deploymentId());
        } else {
            verify(order, entry);
        }
    }

    private void verify(UpdateOrder order, UpdateJournal.Entry entry) {
        UpdateJournal.Entry started = entry.started();
        try {
            journal.update(started);
        } catch (IOException e) {
            LOG.error("{} cannot count its starts in the journal: {}", deviceId, e.toString());
        }
        if (started.starts() > settings.maxStartAttempts()) {
            rollBack(started, "crash_loop", "version " + order.version() + " started " + started.starts()
                    + " times without passing its check");
            return;
        }
        report(order.deploymentId(), UpdateState.VERIFYING, order.version(), null, null, "start " + started.starts());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.healthCheckSeconds());
        check(order, started, deadline);
    }

    private void check(UpdateOrder order, UpdateJournal.Entry entry, long deadline) {
        if (closed) {
            return;
        }
        Optional<String> problem = healthProblem.get().or(() -> installer.selfCheck(order.version()));
        if (problem.isEmpty()) {
            LOG.info("{} runs {} and passed its check: update kept", deviceId, order.version());
            report(order.deploymentId(), UpdateState.SUCCEEDED, order.version(), null, null, "passed its check");
            finish(order.deploymentId());
            return;
        }
        if (System.nanoTime() - deadline >= 0) {
            rollBack(entry, "health_check_failed", problem.get() + " after " + settings.healthCheckSeconds() + " s");
            return;
        }
        pending = worker.schedule(() -> check(order, entry, deadline), 1, TimeUnit.SECONDS);
    }

    private void rollBack(UpdateJournal.Entry entry, String code, String detail) {
        LOG.warn("{} rolls back from {} to {}: {}", deviceId, entry.version(), entry.fromVersion(), detail);
        try {
            installer.activate(entry.fromVersion());
            journal.update(entry.givenUp());
        } catch (IOException e) {
            LOG.error("{} could not switch back to {}: {}", deviceId, entry.fromVersion(), e.toString());
            report(entry.deploymentId(), UpdateState.FAILED, entry.version(), null, "rollback_failed", detail + "; switching back: " + e);
            return;
        }
        restart(reporter.report(entry.deploymentId(), UpdateState.ROLLED_BACK, entry.version(), entry.fromVersion(), null, code, detail));
    }

    private void restart(CompletableFuture<Void> reported) {
        try {
            // the report must be in the outbox before the process goes
            reported.get(10, TimeUnit.SECONDS);
            restarter.restart();
        } catch (Exception e) {
            LOG.error("{} could not restart into the active version: {}", deviceId, e.toString());
        }
    }

    private void abandon(UpdateJournal.Entry entry, String code, String detail) {
        if (entry == null) {
            return;
        }
        LOG.warn("{} update {} failed ({}): {}", deviceId, entry.version(), code, detail);
        report(entry.deploymentId(), UpdateState.FAILED, entry.version(), null, code, detail);
        try {
            Files.deleteIfExists(dir.resolve(codecSha(entry) + ".part"));
        } catch (IOException e) {
            LOG.debug("{} could not delete a partial download: {}", deviceId, e.toString());
        }
        finish(entry.deploymentId());
    }

    private String codecSha(UpdateJournal.Entry entry) {
        try {
            return codec.decodeUpdateOrder(deviceId, entry.order().getBytes(StandardCharsets.UTF_8)).sha256();
        } catch (ProtocolException e) {
            return "none";
        }
    }

    private void finish(long deploymentId) {
        try {
            journal.finish(deploymentId);
        } catch (IOException e) {
            LOG.error("{} cannot record the end of deployment {}: {}", deviceId, deploymentId, e.toString());
        }
    }

    private CompletableFuture<Void> report(long deploymentId, UpdateState state, String version, Long bytes, String code, String detail) {
        return reporter.report(deploymentId, state, version, running, bytes, code, detail);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
