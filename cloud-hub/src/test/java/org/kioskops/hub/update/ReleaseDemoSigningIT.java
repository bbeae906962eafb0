package org.kioskops.hub.update;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.DemoSigningProfile;
import org.kioskops.hub.support.ReleaseKeys;

/** A demo hub signs unsigned releases with a key of its own, whose public half boxes can pin. */
@QuarkusTest
@TestProfile(DemoSigningProfile.class)
class ReleaseDemoSigningIT {
    @Test
    void an_unsigned_release_is_signed_by_the_demo_key_that_the_hub_publishes() throws Exception {
        byte[] file = new byte[40_000];
        new Random(5).nextBytes(file);

        JsonPath release = given().multiPart("file", "lockerboard-fw.bin", file).multiPart("kind", "firmware")
                .multiPart("version", "7.1." + System.nanoTime()).multiPart("hardwareModels", "lockerboard-24")
                .post("/api/releases").then().statusCode(201).body("signedByHub", equalTo(true)).extract().jsonPath();

        Map<String, String> keys = given().get("/api/releases/keys").jsonPath().getMap("$");
        String pem = keys.get(release.getString("keyId"));
        assertThat(pem).startsWith("-----BEGIN PUBLIC KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        assertThat(ReleaseKeys.verifies(ReleaseSigning.publicKey(der), file, release.getString("signature"))).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(Path.of(DemoSigningProfile.DIR, "demo-release-key.pem"))))
                .isEqualTo("rw-------");
    }
}
