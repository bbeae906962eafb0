package org.kioskops.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.provision.Claimer;
import org.kioskops.hub.support.AuthProfile;
import org.kioskops.hub.support.Sites;

/**
 * A box that has nothing but a claim code, on a hub with users: it claims and collects its secret without any
 * user's token, by hand and with the agent's own {@link Claimer}; an operator approves with one. Guessing a pickup
 * token is throttled, and every refusal audited.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class ZeroTouchClaimIT {
    @TestHTTPResource("/")
    URL hub;

    private final String run = Long.toString(System.nanoTime(), 36);

    @BeforeEach
    void as_admin() {
        // the site helpers call as the operator; built here, after the test framework has set RestAssured's port
        RestAssured.requestSpecification = new RequestSpecBuilder().addHeader("Authorization", "Bearer " + AuthProfile.ADMIN_TOKEN).build();
    }

    @AfterEach
    void reset() {
        RestAssured.requestSpecification = null;
    }

    private static RequestSpecification operator() {
        return RestAssured.given();
    }

    /** The box: no user, no token, only what the hub told it. */
    private static RequestSpecification box() {
        return anonymous().contentType("application/json");
    }

    private static RequestSpecification anonymous() {
        RequestSpecification saved = RestAssured.requestSpecification;
        RestAssured.requestSpecification = null;
        try {
            return RestAssured.given();
        } finally {
            RestAssured.requestSpecification = saved;
        }
    }

    private String claimCode(String site) {
        return operator().contentType("application/json").body(Map.of("siteId", site, "hardwareModel", "zt-box", "validFor", "PT1H"))
                .post("/api/claim-codes").then().statusCode(201).extract().path("code");
    }

    @Test
    void a_box_with_only_a_claim_code_claims_its_id_and_collects_its_secret_once_an_operator_approved() {
        String site = Sites.chain("zt-" + run);
        String device = "zt-box-" + run;
        String code = claimCode(site);

        JsonPath ticket = box().body(Map.of("code", code, "deviceId", device)).post("/api/claims")
                .then().statusCode(201).body("status", equalTo("pending")).extract().jsonPath();
        String claimId = ticket.getString("claimId");
        String pickupToken = ticket.getString("pickupToken");
        box().body(Map.of("pickupToken", pickupToken)).post("/api/claims/" + claimId + "/pickup").then().statusCode(202)
                .body("status", equalTo("pending"));

        // approving needs an operator
        anonymous().post("/api/claims/" + claimId + "/approve").then().statusCode(401);
        operator().post("/api/claims/" + claimId + "/approve").then().statusCode(200).body("status", equalTo("approved"));

        String secret = box().body(Map.of("pickupToken", pickupToken)).post("/api/claims/" + claimId + "/pickup").then().statusCode(200)
                .header("Cache-Control", "no-store").body("deviceId", equalTo(device)).extract().path("secret");
        assertThat(secret).isNotBlank();
        box().body(Map.of("pickupToken", pickupToken)).post("/api/claims/" + claimId + "/pickup").then().statusCode(409);
        operator().get("/api/devices/" + device).then().statusCode(200).body("device.registration", equalTo("registered"))
                .body("device.siteId", equalTo(site));
    }

    @Test
    void guessing_a_pickup_token_closes_the_claim_after_five_wrong_tokens_and_every_refusal_is_audited() {
        String site = Sites.chain("zt-guess-" + run);
        String device = "zt-guessed-" + run;
        JsonPath ticket = box().body(Map.of("code", claimCode(site), "deviceId", device)).post("/api/claims").then().statusCode(201)
                .extract().jsonPath();
        String claimId = ticket.getString("claimId");

        for (int guess = 0; guess < 5; guess++) {
            box().body(Map.of("pickupToken", "guess-" + guess)).post("/api/claims/" + claimId + "/pickup").then().statusCode(403)
                    .body("code", equalTo("pickup_denied"));
        }
        // even the right token waits out the window
        box().body(Map.of("pickupToken", ticket.getString("pickupToken"))).post("/api/claims/" + claimId + "/pickup").then()
                .statusCode(429).body("code", equalTo("claim_throttled"))
                .header("Retry-After", equalTo("900")).body("detail", startsWith("too many refused claims"));

        List<String> audited = operator().queryParam("target", device).queryParam("limit", 20).get("/api/audit").then().statusCode(200)
                .extract().jsonPath().getList("action");
        assertThat(audited).filteredOn("claim.refused"::equals).hasSize(5);
    }

    @Test
    void a_claim_with_a_code_nobody_issued_is_refused_and_audited_without_a_user() {
        box().body(Map.of("code", "AAAA-BBBB-" + run.substring(0, 4).toUpperCase(), "deviceId", "zt-nobody-" + run)).post("/api/claims")
                .then().statusCode(403).body("code", equalTo("claim_code_invalid"));

        List<String> audited = operator().queryParam("target", "zt-nobody-" + run).get("/api/audit").then().statusCode(200)
                .extract().jsonPath().getList("detail");
        assertThat(audited).singleElement().asString().startsWith("code_invalid from 127.0.0.1");
    }

    @Test
    void the_agent_on_a_box_with_only_a_claim_code_waits_through_a_restart_for_approval_and_writes_its_secret(@TempDir Path box)
            throws Exception {
        String site = Sites.chain("zt-agent-" + run);
        String device = "zt-agent-" + run;
        String code = claimCode(site);
        Path secretFile = box.resolve("etc/mqtt-secret");
        Path state = box.resolve("state");

        // first start: the agent claims its id, then the box is switched off before anyone approved
        Claimer first = new Claimer(device, code, URI.create(hub.toString()), Duration.ofMillis(200), secretFile, state);
        AtomicReference<Claimer.Outcome> firstOutcome = new AtomicReference<>();
        Thread firstStart = new Thread(() -> firstOutcome.set(first.run()), "box-first-start");
        firstStart.start();
        String claimId = await("claimed").atMost(Duration.ofSeconds(20)).until(() -> pendingClaimOf(device), id -> id != null);
        firstStart.interrupt();
        firstStart.join(TimeUnit.SECONDS.toMillis(20));
        assertThat(firstOutcome.get()).isEqualTo(Claimer.Outcome.STOPPED);

        // second start: the same claim, not the spent code
        Claimer second = new Claimer(device, code, URI.create(hub.toString()), Duration.ofMillis(200), secretFile, state);
        CompletableFuture<Claimer.Outcome> secondRun = CompletableFuture.supplyAsync(second::run);
        operator().post("/api/claims/" + claimId + "/approve").then().statusCode(200);

        assertThat(secondRun.get(30, TimeUnit.SECONDS)).isEqualTo(Claimer.Outcome.PROVISIONED);
        assertThat(Files.readString(secretFile).strip()).hasSizeGreaterThan(20);
        assertThat(Files.getPosixFilePermissions(secretFile)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(state.resolve("claim.json")).doesNotExist();
        assertThat(operator().queryParam("status", "collected").get("/api/claims").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.deviceId == '" + device + "' }.id", String.class)).containsExactly(claimId);
        assertThat(second.provisioned()).isTrue();
    }

    @Test
    void the_agent_gives_up_with_the_hub_s_reason_when_its_code_was_already_used(@TempDir Path box) {
        String site = Sites.chain("zt-used-" + run);
        String code = claimCode(site);
        box().body(Map.of("code", code, "deviceId", "zt-first-" + run)).post("/api/claims").then().statusCode(201);

        Claimer late = new Claimer("zt-late-" + run, code, URI.create(hub.toString()), Duration.ofMillis(200), box.resolve("secret"),
                box.resolve("state"));

        assertThat(late.run()).isEqualTo(Claimer.Outcome.REFUSED);
        assertThat(late.provisioned()).isFalse();
    }

    private String pendingClaimOf(String device) {
        List<String> ids = operator().queryParam("status", "pending").get("/api/claims").then().statusCode(200).extract().jsonPath()
                .getList("findAll { it.deviceId == '" + device + "' }.id", String.class);
        return ids.isEmpty() ? null : ids.get(0);
    }
}
