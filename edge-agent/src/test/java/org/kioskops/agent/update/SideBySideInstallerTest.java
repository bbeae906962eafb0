package org.kioskops.agent.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SideBySideInstallerTest {
    @TempDir
    Path dir;

    @Test
    void a_bundle_is_unpacked_beside_the_others_and_only_the_newest_are_kept() throws Exception {
        SideBySideInstaller installer = new SideBySideInstaller(dir.resolve("releases"));
        for (String v : new String[] {"1.0.0", "1.1.0", "1.2.0", "1.3.0"}) {
            installer.install(bundle(v, SideBySideInstaller.JAR, "lib/paho.jar"), "agent", v);
            installer.activate(v);
        }

        assertThat(installer.activeVersion()).contains("1.3.0");
        assertThat(installer.installed()).as("the active one and two before it").containsExactly("1.1.0", "1.2.0", "1.3.0");
        assertThat(dir.resolve("releases/versions/1.3.0/lib/paho.jar")).hasContent("1.3.0");
        assertThat(Files.readSymbolicLink(dir.resolve("releases/current"))).isEqualTo(Path.of("versions/1.3.0"));
    }

    @Test
    void an_entry_that_would_land_outside_its_directory_or_a_file_that_is_no_release_is_refused() throws Exception {
        SideBySideInstaller installer = new SideBySideInstaller(dir.resolve("releases"));

        assertThatThrownBy(() -> installer.install(bundle("2.0.0", SideBySideInstaller.JAR, "../../escaped"), "agent", "2.0.0"))
                .hasMessageContaining("outside its directory");
        assertThat(dir.resolve("escaped")).doesNotExist();
        assertThatThrownBy(() -> installer.install(Files.writeString(dir.resolve("notes.txt"), "not a zip"), "agent", "2.0.1"))
                .hasMessageContaining("not a zip");
        assertThatThrownBy(() -> installer.install(bundle("2.0.2", "readme.txt"), "agent", "2.0.2")).hasMessageContaining("neither");
        assertThat(installer.installed()).isEmpty();
        assertThatThrownBy(() -> installer.activate("2.0.0")).hasMessageContaining("not installed");
    }

    private Path bundle(String version, String... entries) throws IOException {
        Path file = dir.resolve(version + "-" + entries.length + ".zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (String entry : entries) {
                zip.putNextEntry(new ZipEntry(entry));
                zip.write(version.getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
