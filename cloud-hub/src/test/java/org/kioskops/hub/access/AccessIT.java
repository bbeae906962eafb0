package org.kioskops.hub.access;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.AuthProfile;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.Sites;
import org.kioskops.testing.MqttProbe;

/** Users and roles on a hub with authentication on: 401 without credentials, 403 outside a role or an organisation. */
@QuarkusTest
@TestProfile(AuthProfile.class)
class AccessIT {
    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void as_admin() {
        // built here, after the test framework has set RestAssured's port
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + AuthProfile.ADMIN_TOKEN).build();
    }

    @AfterEach
    void reset() {
        RestAssured.requestSpecification = null;
    }

    /** A request without the administrator's token the other calls carry. */
    private static RequestSpecification plain() {
        RequestSpecification saved = RestAssured.requestSpecification;
        RestAssured.requestSpecification = null;
        try {
            return RestAssured.given();
        } finally {
            RestAssured.requestSpecification = saved;
        }
    }

    private void user(String name, String role, String organisation) {
        Map<String, Object> body = new HashMap<>(Map.of("username", name, "password", "pass-" + name + "-long", "role", role));
        if (organisation != null) {
            body.put("organisation", organisation);
        }
        given().contentType("application/json").body(body).post("/api/users").then().statusCode(201);
    }

    private static String session(String name) {
        return plain().contentType("application/json").body(Map.of("username", name, "password", "pass-" + name + "-long"))
                .post("/api/auth/login").then().statusCode(200).extract().cookie("kioskops_session");
    }

    private static RequestSpecification as(String session) {
        return plain().cookie("kioskops_session", session);
    }

    @Test
    void without_credentials_the_api_answers_401_while_what_devices_fetch_stays_open() {
        RestAssured.requestSpecification = null;
        RestAssured.given().get("/api/devices").then().statusCode(401).body("code", equalTo("unauthenticated"))
                .header("WWW-Authenticate", "Bearer realm=\"kioskops\"");
        RestAssured.given().header("Authorization", "Bearer kio_forged").get("/api/alerts").then().statusCode(401);
        RestAssured.given().get("/api/releases/987654/file").then().statusCode(404);
        RestAssured.given().get("/ui/").then().statusCode(200);
        RestAssured.given().contentType("application/json").body(Map.of("username", "admin", "password", "guess"))
                .post("/api/auth/login").then().statusCode(401).body("code", equalTo("login_failed"));
        as_admin();
        assertThat(given().get("/api/audit?target=user:admin").then().extract().jsonPath().getList("action", String.class))
                .contains("auth.login_failed");
    }

    @Test
    void a_viewer_reads_but_changes_nothing_and_only_an_admin_manages_users() {
        user("viewer-" + run, "viewer", null);
        String viewer = session("viewer-" + run);

        as(viewer).get("/api/devices").then().statusCode(200);
        as(viewer).contentType("application/json").body(Map.of("kind", "city", "name", "x")).put("/api/sites/v-" + run)
                .then().statusCode(403).body("code", equalTo("forbidden"));
        as(viewer).get("/api/users").then().statusCode(403);
        as(viewer).post("/api/auth/logout").then().statusCode(204);
        as(viewer).get("/api/devices").then().statusCode(401);
        given().get("/api/users").then().statusCode(200);
    }

    @Test
    void a_contractor_sees_and_acts_only_on_its_organisation_s_part_of_the_fleet_and_is_audited_by_name() {
        String site = Sites.chain("acc-" + run);
        String other = Sites.chain("acc-other-" + run);
        given().contentType("application/json").body(Map.of("organisation", "Repair Co " + run)).put("/api/sites/" + site + "/owners/hardware")
                .then().statusCode(200);
        given().contentType("application/json").body(Map.of("organisation", "Other Co " + run)).put("/api/sites/" + other + "/owners/hardware")
                .then().statusCode(200);
        Sites.register("acc-ours-" + run, site);
        Sites.register("acc-theirs-" + run, other);
        try (MqttProbe mqtt = MqttProbe.connect(ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class))) {
            new DeviceMessages("acc-ours-" + run, mqtt).at(Instant.now()).connect(4).loseConnection();
            new DeviceMessages("acc-theirs-" + run, mqtt).at(Instant.now()).connect(4).loseConnection();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> alertOf("acc-ours-" + run) != null && alertOf("acc-theirs-" + run) != null);
        user("fixer-" + run, "contractor", "Repair Co " + run);
        String fixer = session("fixer-" + run);

        as(fixer).header("X-KioskOps-Actor", "someone-else").post("/api/alerts/" + alertOf("acc-ours-" + run) + "/acknowledge")
                .then().statusCode(200).body("acknowledgedBy", equalTo("fixer-" + run));
        as(fixer).post("/api/alerts/" + alertOf("acc-theirs-" + run) + "/acknowledge").then().statusCode(403)
                .body("detail", not(equalTo(null)));
        as(fixer).contentType("application/json").body(Map.of("siteId", site)).put("/api/devices/acc-new-" + run).then().statusCode(403);

        // and it sees its part of the fleet only
        assertThat(as(fixer).get("/api/alerts?status=active").then().statusCode(200).extract().jsonPath().getList("deviceId", String.class))
                .contains("acc-ours-" + run).doesNotContain("acc-theirs-" + run);
        assertThat(as(fixer).get("/api/sites").then().statusCode(200).extract().jsonPath().getList("sites.id", String.class))
                .containsExactly(site);
        as(fixer).get("/api/devices/acc-ours-" + run).then().statusCode(200);
        as(fixer).get("/api/devices/acc-theirs-" + run).then().statusCode(403);
        as(fixer).get("/api/devices/acc-theirs-" + run + "/telemetry").then().statusCode(403);
        as(fixer).get("/api/devices").then().statusCode(403);
        as(fixer).get("/api/devices?site=" + site).then().statusCode(200);
    }

    @Test
    void passwords_are_kept_as_slow_hashes_and_api_tokens_work_until_revoked() {
        user("op-" + run, "operator", null);
        String hash = QuarkusTransaction.requiringNew().call(() -> AppUser.<AppUser>findById("op-" + run).passwordHash);
        assertThat(hash).startsWith("$7$210000$").doesNotContain("pass-op-" + run);

        String token = as(session("op-" + run)).contentType("application/json").body(Map.of("name", "ticketing integration"))
                .post("/api/auth/tokens").then().statusCode(200).extract().jsonPath().getString("token");
        plain().header("Authorization", "Bearer " + token).get("/api/alerts").then().statusCode(200);
        String site = Sites.chain("tok-" + run);
        Sites.register("tok-kiosk-" + run, site);
        plain().header("Authorization", "Bearer " + token).contentType("application/json").body(List.of("pilot"))
                .put("/api/devices/tok-kiosk-" + run + "/tags").then().statusCode(200);
        List<String> actors = given().get("/api/audit?target=device:tok-kiosk-" + run).then().extract().jsonPath()
                .getList("actor", String.class);
        assertThat(actors).as("the token's user, not a header").containsExactly("op-" + run);
    }

    @Test
    void disabling_a_user_or_changing_its_password_ends_its_sessions() {
        user("temp-" + run, "viewer", null);
        String first = session("temp-" + run);
        as(first).get("/api/alerts").then().statusCode(200);

        given().contentType("application/json").body(Map.of("disabled", true)).put("/api/users/temp-" + run).then().statusCode(200)
                .body("disabled", equalTo(true));
        as(first).get("/api/alerts").then().statusCode(401);
        plain().contentType("application/json").body(Map.of("username", "temp-" + run, "password", "pass-temp-" + run + "-long"))
                .post("/api/auth/login").then().statusCode(401);

        given().contentType("application/json").body(Map.of("disabled", false)).put("/api/users/temp-" + run).then().statusCode(200);
        String second = session("temp-" + run);
        as(second).contentType("application/json").body(Map.of("current", "pass-temp-" + run + "-long", "password", "a much longer one"))
                .post("/api/auth/password").then().statusCode(204);
        as(second).get("/api/alerts").then().statusCode(401);
        plain().contentType("application/json").body(Map.of("username", "temp-" + run, "password", "a much longer one"))
                .post("/api/auth/login").then().statusCode(200);
        assertThat(given().get("/api/audit?target=user:temp-" + run).then().extract().jsonPath().getList("action", String.class))
                .contains("user.create", "user.update", "auth.login", "auth.login_failed");
    }

    private static Long alertOf(String device) {
        List<Long> ids = given().queryParam("device", device).queryParam("status", "active").get("/api/alerts").then().extract()
                .jsonPath().getList("id", Long.class);
        return ids.isEmpty() ? null : ids.get(0);
    }
}
