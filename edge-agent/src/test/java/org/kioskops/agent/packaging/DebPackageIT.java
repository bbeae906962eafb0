package org.kioskops.agent.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.update.SideBySideInstaller;

/**
 * The {@code .deb} the build makes, read with Debian's own {@code dpkg-deb}: what it installs where, with
 * which modes, that the packaged agent runs from it, and that removing keeps configuration and state while
 * purging deletes them.
 */
class DebPackageIT {
    private static final Path DEB = Path.of("target", "kioskops-agent.deb");

    @TempDir
    static Path root;

    @BeforeAll
    static void extract() throws Exception {
        assertThat(DEB).as("built by 'mvn package'").exists();
        run(Map.of(), "dpkg-deb", "-x", DEB.toString(), root.toString());
        run(Map.of(), "dpkg-deb", "-e", DEB.toString(), root.resolve("DEBIAN").toString());
    }

    @Test
    void installs_the_agent_its_launcher_unit_and_configuration_with_the_right_modes() throws Exception {
        String listing = run(Map.of(), "dpkg-deb", "-c", DEB.toString());

        assertThat(listing).containsPattern("-rwxr-xr-x root/root .* \\./usr/bin/kioskops-agent\\n")
                .containsPattern("-rw-r----- root/root .* \\./etc/kioskops/agent.yaml\\n")
                .contains("./usr/share/kioskops-agent/kioskops-agent.jar", "./lib/systemd/system/kioskops-agent.service",
                        "./usr/share/doc/kioskops-agent/install-agent.md")
                .containsPattern("\\./usr/share/kioskops-agent/lib/org\\.eclipse\\.paho\\.mqttv5\\.client-.*\\.jar")
                .containsPattern("\\./usr/share/kioskops-agent/lib/pi4j-core-.*\\.jar")
                .doesNotContain("pi4j-plugin-mock", "junit", "assertj");
        assertThat(Files.readString(root.resolve("DEBIAN/conffiles")).trim()).isEqualTo("/etc/kioskops/agent.yaml");
        assertThat(run(Map.of(), "dpkg-deb", "-f", DEB.toString(), "Package", "Architecture"))
                .contains("Package: kioskops-agent", "Architecture: all");
    }

    @Test
    void the_unit_runs_as_kioskops_with_the_watchdog_and_does_not_restart_on_a_bad_configuration() throws IOException {
        List<String> unit = Files.readAllLines(root.resolve("lib/systemd/system/kioskops-agent.service"));

        assertThat(unit).contains("Type=notify", "User=kioskops", "Restart=always", "WatchdogSec=60",
                "RestartPreventExitStatus=64 78", "StateDirectory=kioskops-agent", "StartLimitIntervalSec=0",
                "ExecStart=/usr/bin/kioskops-agent --config /etc/kioskops/agent.yaml");
    }

    @Test
    void the_packaged_agent_refuses_the_configuration_as_shipped_and_accepts_it_filled_in(@TempDir Path work) throws Exception {
        Path jar = root.resolve("usr/share/kioskops-agent/kioskops-agent.jar");
        Path shipped = root.resolve("etc/kioskops/agent.yaml");

        Result unconfigured = exec(Map.of(), javaBin(), "-jar", jar.toString(), "--config", shipped.toString(), "--check");
        assertThat(unconfigured.exitCode()).isEqualTo(78);
        assertThat(unconfigured.output()).contains("deviceId: ", "mqtt.url: ");

        Path filled = work.resolve("agent.yaml");
        Path secret = Files.writeString(work.resolve("mqtt-secret"), "s3cret-from-the-hub\n");
        Files.writeString(filled, Files.readString(shipped).replace("deviceId: \"\"", "deviceId: kiosk-0042")
                .replace("url: \"\"", "url: ssl://mqtt.example.city:8883")
                .replace("/etc/kioskops/mqtt-secret", secret.toString()));
        Result configured = exec(Map.of(), javaBin(), "-jar", jar.toString(), "--config", filled.toString(), "--check");
        assertThat(configured.output()).contains(": ok");
        assertThat(configured.exitCode()).isZero();
    }

    @Test
    void the_launcher_starts_the_version_an_update_made_current_with_the_libraries_of_its_bundle(@TempDir Path work) throws Exception {
        Path bundle = Path.of("target", "kioskops-agent-update.zip");
        assertThat(bundle).as("built by 'mvn package'").exists();
        Path releases = work.resolve("releases");
        SideBySideInstaller installer = new SideBySideInstaller(releases);
        installer.install(bundle, "agent", "9.9.9");
        installer.activate("9.9.9");
        Map<String, String> env = Map.of("KIOSKOPS_RELEASES", releases.toString(),
                "PATH", Path.of(javaBin()).getParent() + ":" + System.getenv("PATH"));
        String launcher = root.resolve("usr/bin/kioskops-agent").toString();

        Result version = exec(env, "sh", launcher, "--version");
        assertThat(version.output()).contains(releases.toRealPath().resolve("versions/9.9.9/kioskops-agent.jar").toString());

        Path filled = work.resolve("agent.yaml");
        Files.writeString(filled, Files.readString(root.resolve("etc/kioskops/agent.yaml")).replace("deviceId: \"\"", "deviceId: kiosk-0042")
                .replace("url: \"\"", "url: ssl://mqtt.example.city:8883")
                .replace("/etc/kioskops/mqtt-secret", Files.writeString(work.resolve("secret"), "s3cret\n").toString()));
        Result check = exec(env, "sh", launcher, "--config", filled.toString(), "--check");
        assertThat(check.output()).as("its lib/ resolves: the check runs").contains(": ok");
        assertThat(check.exitCode()).isZero();
    }

    @Test
    void remove_keeps_configuration_and_state_and_purge_deletes_them(@TempDir Path box) throws Exception {
        Path state = Files.createDirectories(box.resolve("var/lib/kioskops-agent/outbox"));
        Files.writeString(state.resolve("00000000000000000000.seg"), "kept");
        Path config = Files.createDirectories(box.resolve("etc/kioskops")).resolve("agent.yaml");
        Files.writeString(config, "deviceId: kiosk-0042\n");
        Map<String, String> env = Map.of("DPKG_ROOT", box.toString());
        String postrm = root.resolve("DEBIAN/postrm").toString();

        assertThat(exec(env, "sh", postrm, "remove").exitCode()).isZero();
        assertThat(state.resolve("00000000000000000000.seg")).exists();
        assertThat(config).exists();

        assertThat(exec(env, "sh", postrm, "purge").exitCode()).isZero();
        assertThat(box.resolve("var/lib/kioskops-agent")).doesNotExist();
        assertThat(box.resolve("etc/kioskops")).doesNotExist();
    }

    @Test
    void maintainer_scripts_are_valid_shell() throws Exception {
        for (String script : List.of("postinst", "prerm", "postrm")) {
            Path file = root.resolve("DEBIAN").resolve(script);
            assertThat(Files.isExecutable(file)).as(script + " executable").isTrue();
            assertThat(exec(Map.of(), "sh", "-n", file.toString()).exitCode()).as(script).isZero();
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private record Result(int exitCode, String output) {
    }

    private static String run(Map<String, String> env, String... command) throws Exception {
        Result r = exec(env, command);
        assertThat(r.exitCode()).as(String.join(" ", command) + ": " + r.output()).isZero();
        return r.output();
    }

    private static Result exec(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
