package org.kioskops.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.AuthProfile;
import org.kioskops.hub.support.Sites;

/**
 * A box that has nothing but a claim code, on a hub with users: it claims and collects its secret without any
 * user's token; an operator approves with one. Guessing a pickup token is throttled, and every refusal audited.
 */
@QuarkusTest
@TestProfile(AuthProfile.class)
class ZeroTouchClaimIT {
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
}
