package org.kioskops.agent.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.config.UpdateSettings;
import org.kioskops.agent.hardware.sim.SimulatedKiosk;
import org.kioskops.agent.hardware.sim.SimulatedLockerBank;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.UpdateOrder;
import org.kioskops.protocol.UpdateState;

/**
 * The agent's update procedure against releases served over HTTP, with the real side-by-side installer in a
 * temporary install root. A restart is played as the process coming up again: a new manager on the same state,
 * running the version the installer made active.
 */
class UpdateManagerIT {
    @TempDir
    Path dir;
    private ReleaseServer server;
    private KeyPair releaseKey;
    private Path keyFile;
    private SideBySideInstaller installer;
    private SimulatedKiosk kiosk;
    private final List<Report> reports = new CopyOnWriteArrayList<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private final AtomicReference<Optional<String>> health = new AtomicReference<>(Optional.empty());
    private final AtomicReference<UpdateManager> manager = new AtomicReference<>();
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
    private final ProtocolCodec codec = new ProtocolCodec();
    private long deployments;

    record Report(long deploymentId, UpdateState state, String version, String running, Long bytes, String code, String detail) {
    }

    @BeforeEach
    void set_up() throws Exception {
        server = new ReleaseServer();
        releaseKey = ed25519();
        keyFile = dir.resolve("release-key.pem");
        Files.writeString(keyFile, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(releaseKey.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        installer = new SideBySideInstaller(dir.resolve("releases"));
        installer.install(jarFile("1.4.0", 1000), "agent", "1.4.0");
        installer.activate("1.4.0");
        kiosk = new SimulatedKiosk(Clock.systemUTC(), new Random(1), List.of(8), true);
        boot("1.4.0");
    }

    @AfterEach
    void tear_down() {
        worker.shutdownNow();
        server.close();
    }

    /** The process comes up running {@code version}; a restart brings up the version then active. */
    private void boot(String version) {
        start(new UpdateSettings(keyFile, dir.resolve("releases"), 2, 3, 1), version, () -> {
            restarts.incrementAndGet();
            worker.execute(() -> boot(installer.activeVersion().orElseThrow()));
        });
    }

    private void start(UpdateSettings settings, String version, Restarter restarter) {
        // the "vendor's flasher" copies the image where the peripheral would be, and refuses images named bad
        Installer flasher = new FirmwareFlasher(List.of("sh", "-c", "case \"$1\" in *bad*) echo 'checksum error' >&2; exit 3;; esac; "
                + "cp \"$0\" \"" + dir.resolve("peripheral") + "-$1\"", "{file}", "{version}"));
        UpdateManager m = new UpdateManager("kiosk-1", settings, dir.resolve("state"), Installers.of(installer, flasher), kiosk.hardware(),
                version, (id, state, v, running, bytes, code, detail) -> {
                    reports.add(new Report(id, state, v, running, bytes, code, detail));
                    return CompletableFuture.completedFuture(null);
                }, health::get, restarter, worker, null);
        manager.set(m);
        m.start();
    }

    @Test
    void a_signed_release_is_installed_beside_the_old_one_switched_to_and_kept_after_its_check() throws Exception {
        UpdateOrder order = order("1.5.0", jar("1.5.0", 200_000), releaseKey, false);

        send(order);

        await().atMost(Duration.ofSeconds(20)).until(() -> last(order).state() == UpdateState.SUCCEEDED);
        assertThat(states(order)).containsSubsequence(UpdateState.DOWNLOADING, UpdateState.DOWNLOADED, UpdateState.INSTALLING,
                UpdateState.VERIFYING, UpdateState.SUCCEEDED);
        assertThat(installer.activeVersion()).contains("1.5.0");
        assertThat(installer.installed()).containsExactly("1.4.0", "1.5.0");
        assertThat(last(order).running()).isEqualTo("1.5.0");
        assertThat(restarts).hasValue(1);
    }

    @Test
    void a_tampered_file_a_stranger_key_and_an_unallowed_downgrade_are_refused_and_nothing_is_installed() throws Exception {
        byte[] genuine = jar("1.5.0", 50_000);
        UpdateOrder tampered = order("1.5.0", genuine, releaseKey, false);
        byte[] altered = genuine.clone();
        altered[altered.length / 2] ^= 1;
        tampered = withUrl(tampered, server.put("tampered.jar", altered));
        UpdateOrder stranger = order("1.5.1", jar("1.5.1", 50_000), ed25519(), false);
        UpdateOrder downgrade = order("1.3.9", jar("1.3.9", 50_000), releaseKey, false);

        send(tampered);
        send(stranger);
        send(downgrade);

        await().atMost(Duration.ofSeconds(20)).until(() -> reports.stream().filter(r -> r.state() == UpdateState.FAILED).count() == 3);
        assertThat(last(tampered).code()).isEqualTo("hash_mismatch");
        assertThat(last(stranger).code()).isEqualTo("signature_invalid");
        assertThat(last(downgrade).code()).isEqualTo("downgrade_refused");
        assertThat(states(downgrade)).as("refused before any download").containsExactly(UpdateState.FAILED);
        assertThat(installer.installed()).containsExactly("1.4.0");
        assertThat(installer.activeVersion()).contains("1.4.0");
        assertThat(restarts).hasValue(0);
    }

    @Test
    void a_downgrade_the_campaign_allows_is_installed() throws Exception {
        UpdateOrder downgrade = order("1.3.9", jar("1.3.9", 50_000), releaseKey, true);

        send(downgrade);

        await().atMost(Duration.ofSeconds(20)).until(() -> last(downgrade).state() == UpdateState.SUCCEEDED);
        assertThat(installer.activeVersion()).contains("1.3.9");
    }

    @Test
    void a_download_cut_halfway_resumes_from_where_it_stopped() throws Exception {
        byte[] release = jar("1.5.0", 3_000_000);
        UpdateOrder order = order("1.5.0", release, releaseKey, false);
        server.cutNext(1);

        send(order);

        await().atMost(Duration.ofSeconds(30)).until(() -> last(order).state() == UpdateState.SUCCEEDED);
        assertThat(server.ranges).hasSize(2);
        assertThat(server.ranges.get(0)).isEqualTo("none");
        long resumedFrom = Long.parseLong(server.ranges.get(1).replaceAll("bytes=(\\d+)-", "$1"));
        assertThat(resumedFrom).as("the second request asks only for what is missing").isGreaterThan(0).isLessThan(release.length);
        assertThat(reports).anySatisfy(r -> assertThat(r.detail()).isEqualTo("resuming from byte " + resumedFrom));
        assertThat(sha256(dir.resolve("releases/versions/1.5.0").resolve(SideBySideInstaller.JAR))).isEqualTo(order.sha256());
    }

    @Test
    void a_version_that_fails_its_health_check_is_rolled_back_and_the_box_runs_the_old_version() throws Exception {
        UpdateOrder order = order("1.5.0", jar("1.5.0", 50_000), releaseKey, false);
        health.set(Optional.of("broker not connected"));

        send(order);

        await().atMost(Duration.ofSeconds(20)).until(() -> last(order).state() == UpdateState.ROLLED_BACK);
        Report rolledBack = last(order);
        assertThat(rolledBack.code()).isEqualTo("health_check_failed");
        assertThat(rolledBack.running()).isEqualTo("1.4.0");
        assertThat(installer.activeVersion()).contains("1.4.0");
        await().atMost(Duration.ofSeconds(5)).until(() -> restarts.get() == 2);
        // the old version, back, finishes the deployment: the retained order is not installed again
        send(order);
        assertThat(states(order)).filteredOn(s -> s == UpdateState.INSTALLING).hasSize(2);
    }

    @Test
    void a_version_that_keeps_crashing_before_its_check_is_rolled_back() throws Exception {
        UpdateOrder order = order("1.5.0", jar("1.5.0", 50_000), releaseKey, false);
        health.set(Optional.of("broker not connected"));
        UpdateSettings patient = new UpdateSettings(keyFile, dir.resolve("releases"), 3600, 3, 1);
        // the new version dies before its check: each start is a new process on the same journal
        send(order);
        await().atMost(Duration.ofSeconds(20)).until(() -> last(order).state() == UpdateState.VERIFYING);
        for (int start = 2; start <= 4; start++) {
            manager.get().close();
            start(patient, "1.5.0", restarts::incrementAndGet);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> last(order).state() == UpdateState.ROLLED_BACK);
        assertThat(last(order).code()).isEqualTo("crash_loop");
        assertThat(installer.activeVersion()).contains("1.4.0");
    }

    @Test
    void peripheral_firmware_is_flashed_by_the_vendor_tool_without_restarting_the_agent_and_a_failed_flash_is_reported() throws Exception {
        UpdateOrder firmware = firmware(order("2.1.0", jar("fw", 10_000), releaseKey, false));
        UpdateOrder bad = firmware(order("2.1.1-bad", jar("fw-bad", 10_000), releaseKey, false));

        send(firmware);
        await().atMost(Duration.ofSeconds(20)).until(() -> last(firmware).state() == UpdateState.SUCCEEDED);
        send(bad);
        await().atMost(Duration.ofSeconds(20)).until(() -> last(bad).state() == UpdateState.FAILED);

        assertThat(dir.resolve("peripheral-2.1.0")).exists();
        assertThat(last(bad).code()).isEqualTo("install_failed");
        assertThat(last(bad).detail()).contains("exit 3").contains("checksum error");
        assertThat(restarts).hasValue(0);
        assertThat(installer.activeVersion()).contains("1.4.0");
    }

    private static UpdateOrder firmware(UpdateOrder o) {
        return new UpdateOrder(o.v(), o.deviceId(), o.deploymentId(), o.action(), "firmware", o.version(), o.url(), o.size(), o.sha256(),
                o.signature(), o.allowDowngrade(), o.issuedAt());
    }

    @Test
    void no_install_starts_while_a_locker_door_is_open_or_a_measurement_runs() throws Exception {
        UpdateOrder order = order("1.5.0", jar("1.5.0", 50_000), releaseKey, false);
        SimulatedLockerBank bank = kiosk.banks().get(0);
        bank.openDoor(3);
        kiosk.health().orElseThrow().beginMeasurement();

        send(order);

        await().atMost(Duration.ofSeconds(20)).until(() -> reports.stream().anyMatch(r -> r.detail() != null
                && r.detail().startsWith("waiting: locker transaction")));
        bank.closeDoor(3);
        await().atMost(Duration.ofSeconds(20)).until(() -> reports.stream().anyMatch(r -> "waiting: health measurement in progress".equals(r.detail())
                || states(order).contains(UpdateState.INSTALLING)));
        assertThat(states(order)).as("the measurement still runs").doesNotContain(UpdateState.INSTALLING);
        assertThat(installer.installed()).containsExactly("1.4.0");

        kiosk.health().orElseThrow().checkUp();

        await().atMost(Duration.ofSeconds(20)).until(() -> last(order).state() == UpdateState.SUCCEEDED);
    }

    private void send(UpdateOrder order) {
        manager.get().receive(codec.encode(order));
    }

    private UpdateOrder order(String version, byte[] file, KeyPair signer, boolean allowDowngrade) throws Exception {
        String url = server.put(version + "-" + (deployments + 1) + ".jar", file);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(signer.getPrivate());
        s.update(file);
        return new UpdateOrder("1.4", "kiosk-1", ++deployments, UpdateOrder.Action.INSTALL, "agent", version, url, file.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file)), Base64.getEncoder().encodeToString(s.sign()),
                allowDowngrade, Instant.now());
    }

    private static UpdateOrder withUrl(UpdateOrder o, String url) {
        return new UpdateOrder(o.v(), o.deviceId(), o.deploymentId(), o.action(), o.releaseKind(), o.version(), url, o.size(), o.sha256(),
                o.signature(), o.allowDowngrade(), o.issuedAt());
    }

    private Report last(UpdateOrder order) {
        List<Report> of = reports.stream().filter(r -> r.deploymentId() == order.deploymentId()).toList();
        return of.isEmpty() ? new Report(0, null, null, null, null, null, null) : of.get(of.size() - 1);
    }

    private List<UpdateState> states(UpdateOrder order) {
        return reports.stream().filter(r -> r.deploymentId() == order.deploymentId()).map(Report::state).toList();
    }

    private static KeyPair ed25519() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** An agent jar: a manifest naming its version and some weight, random so that the file is not compressible. */
    private static byte[] jar(String version, int weight) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, version);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.putNextEntry(new JarEntry("weight.bin"));
            byte[] bytes = new byte[weight];
            new Random(version.hashCode()).nextBytes(bytes);
            jar.write(bytes);
        }
        return out.toByteArray();
    }

    private static Path jar(String version, int weight, Path dir) throws IOException {
        Path file = dir.resolve(version + ".jar");
        Files.write(file, jar(version, weight));
        return file;
    }

    private Path jarFile(String version, int weight) throws IOException {
        return jar(version, weight, Files.createTempDirectory(dir, "jar"));
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
