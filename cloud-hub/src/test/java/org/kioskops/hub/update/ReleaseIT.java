package org.kioskops.hub.update;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.ReleaseKeys;
import org.kioskops.hub.support.UploadsProfile;

/**
 * Releases are accepted only with a signature by a trusted release key, made offline; their files download in
 * resumable ranges.
 */
@QuarkusTest
@TestProfile(UploadsProfile.class)
class ReleaseIT {
    private final String run = Long.toString(System.nanoTime(), 36);

    private static byte[] build(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Response upload(String version, byte[] file, String signature) {
        var request = given().multiPart("file", "kioskops-agent_" + version + "_all.deb", file, "application/vnd.debian.binary-package")
                .multiPart("kind", "agent").multiPart("version", version).multiPart("hardwareModels", "rpi4-kiosk-v2, x86-kiosk-v1")
                .multiPart("notes", "screen changes reported at once");
        if (signature != null) {
            request.multiPart("signature", signature);
        }
        return request.post("/api/releases");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    @Test
    void a_release_signed_offline_with_the_trusted_key_is_kept_with_its_hash() throws Exception {
        byte[] file = build(300_000, 1);
        String version = "1.4." + run;

        Response created = upload(version, file, ReleaseKeys.sign(ReleaseKeys.TRUSTED, file));

        created.then().statusCode(201).body("sha256", equalTo(sha256(file))).body("sizeBytes", equalTo(file.length))
                .body("signedByHub", equalTo(false)).body("hardwareModels[1]", equalTo("x86-kiosk-v1"));
        String keyId = created.jsonPath().getString("keyId");
        assertThat(given().get("/api/releases/keys").jsonPath().getMap("$")).containsOnlyKeys(keyId);
        assertThat(given().get("/api/releases").jsonPath().getList("version", String.class)).contains(version);
        upload(version, file, ReleaseKeys.sign(ReleaseKeys.TRUSTED, file)).then().statusCode(409).body("code", equalTo("release_exists"));
    }

    @Test
    void a_tampered_file_a_strangers_key_and_no_signature_are_refused_and_nothing_is_kept() throws Exception {
        byte[] file = build(50_000, 2);
        String signature = ReleaseKeys.sign(ReleaseKeys.TRUSTED, file);
        byte[] tampered = file.clone();
        tampered[12_345] ^= 1;

        upload("2.0." + run, tampered, signature).then().statusCode(422).body("code", equalTo("bad_signature"));
        upload("2.1." + run, file, ReleaseKeys.sign(ReleaseKeys.STRANGER, file)).then().statusCode(422).body("code", equalTo("bad_signature"));
        upload("2.2." + run, file, null).then().statusCode(422).body("code", equalTo("unsigned_release"));
        upload("2.3." + run, file, "not base64 !").then().statusCode(400).body("code", equalTo("invalid_release"));

        assertThat(given().get("/api/releases").jsonPath().getList("version", String.class))
                .noneMatch(v -> v.startsWith("2.") && v.endsWith(run));
    }

    @Test
    void an_interrupted_download_resumes_from_where_it_stopped() throws Exception {
        byte[] file = build(1_000_003, 3);
        long id = upload("3.0." + run, file, ReleaseKeys.sign(ReleaseKeys.TRUSTED, file)).then().statusCode(201).extract().jsonPath().getLong("id");
        String etag = "\"" + sha256(file) + "\"";

        Response half = given().header("Range", "bytes=0-499999").get("/api/releases/" + id + "/file");
        half.then().statusCode(206).header("Content-Range", "bytes 0-499999/1000003").header("ETag", etag).header("Accept-Ranges", "bytes");
        Response rest = given().header("Range", "bytes=500000-").header("If-Range", etag).get("/api/releases/" + id + "/file");
        rest.then().statusCode(206).header("Content-Range", "bytes 500000-1000002/1000003");

        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        joined.write(half.asByteArray());
        joined.write(rest.asByteArray());
        assertThat(sha256(joined.toByteArray())).isEqualTo(sha256(file));
        given().header("Range", "bytes=500000-").header("If-Range", "\"another-build\"").get("/api/releases/" + id + "/file")
                .then().statusCode(200).header("Content-Length", String.valueOf(file.length));
        given().header("Range", "bytes=2000000-").get("/api/releases/" + id + "/file").then().statusCode(416)
                .header("Content-Range", "bytes */1000003");
    }

    @Test
    void a_release_signed_with_openssl_as_docs_updates_md_shows_is_accepted() throws Exception {
        Path dir = Files.createTempDirectory("release");
        Path file = dir.resolve("kioskops-agent.deb");
        Files.write(file, build(20_000, 4));
        Path signature = dir.resolve("kioskops-agent.deb.sig");
        Process openssl = new ProcessBuilder("openssl", "pkeyutl", "-sign", "-rawin", "-inkey", ReleaseKeys.TRUSTED_PRIVATE_PEM.toString(),
                "-in", file.toString(), "-out", signature.toString()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(openssl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();

        upload("4.0." + run, Files.readAllBytes(file), Base64.getEncoder().encodeToString(Files.readAllBytes(signature)))
                .then().statusCode(201).body("sha256", equalTo(sha256(Files.readAllBytes(file))));
    }
}
