package org.kioskops.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretHasherTest {

    @Test
    void verifies_its_own_hashes_and_refuses_other_secrets() {
        String secret = SecretHasher.newSecret();
        String hash = SecretHasher.hash(secret);

        assertThat(secret).hasSize(32);
        assertThat(hash).startsWith("$7$101$");
        assertThat(SecretHasher.matches(secret, hash)).isTrue();
        assertThat(SecretHasher.matches(secret + "x", hash)).isFalse();
        assertThat(SecretHasher.hash(secret)).as("fresh salt each time").isNotEqualTo(hash);
    }

    @Test
    void reads_hashes_written_by_mosquitto_passwd(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("passwd");
        Files.createFile(file);
        Process p = new ProcessBuilder("mosquitto_passwd", "-b", file.toString(), "kiosk-1", "s3cret-from-mosquitto")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        String hash = Files.readString(file).trim().substring("kiosk-1:".length());

        assertThat(SecretHasher.matches("s3cret-from-mosquitto", hash)).isTrue();
        assertThat(SecretHasher.matches("something else", hash)).isFalse();
    }
}
