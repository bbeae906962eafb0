package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.OwnMosquittoProfile;
import org.kioskops.hub.support.Sites;

/** The registry API: the site hierarchy's rules, device registration, and errors as Problem JSON. */
@QuarkusTest
@TestProfile(OwnMosquittoProfile.class)
class RegistryApiIT {
    private final String run = "reg" + Long.toString(System.nanoTime(), 36);

    @Test
    void refuses_a_site_whose_parent_is_not_one_level_up() {
        Sites.put(run + "-city", "city", null);

        given().contentType("application/json").body(Map.of("kind", "site", "name", "x", "parentId", run + "-city"))
                .put("/api/sites/" + run + "-bad").then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("code", equalTo("hierarchy_violation"))
                .body("type", equalTo("urn:kioskops:problem:hierarchy_violation"))
                .body("detail", startsWith("the parent of a site must be a community"));
        given().contentType("application/json").body(Map.of("kind", "district", "name", "x"))
                .put("/api/sites/" + run + "-orphan").then().statusCode(422).body("code", equalTo("hierarchy_violation"));
        given().contentType("application/json").body(Map.of("kind", "district", "name", "x", "parentId", "nope-" + run))
                .put("/api/sites/" + run + "-lost").then().statusCode(422).body("code", equalTo("parent_not_found"));
        given().contentType("application/json").body(Map.of("kind", "planet", "name", "x"))
                .put("/api/sites/" + run + "-p").then().statusCode(400).body("code", equalTo("invalid_site"));
    }

    @Test
    void updates_a_site_idempotently_but_never_changes_its_kind() {
        Sites.put(run + "-city", "city", null);

        given().contentType("application/json").body(Map.of("kind", "city", "name", "Renamed"))
                .put("/api/sites/" + run + "-city").then().statusCode(200).body("name", equalTo("Renamed"));
        given().contentType("application/json").body(Map.of("kind", "district", "name", "x", "parentId", run + "-city"))
                .put("/api/sites/" + run + "-city").then().statusCode(409).body("code", equalTo("kind_change"));
    }

    @Test
    void deletes_only_empty_sites() {
        String site = Sites.chain(run);
        Sites.register(run + "-k1", site);

        given().delete("/api/sites/" + run + "-community").then().statusCode(409).body("code", equalTo("site_not_empty"));
        given().delete("/api/sites/" + site).then().statusCode(409).body("code", equalTo("site_not_empty"));
        given().delete("/api/sites/nothing-" + run).then().statusCode(404).body("code", equalTo("site_not_found"));
    }

    @Test
    void moving_a_community_moves_its_devices_to_the_new_subtree() {
        String site = Sites.chain(run);
        Sites.put(run + "-street2", "street", run + "-district");
        Sites.register(run + "-k1", site);

        given().contentType("application/json").body(Map.of("kind", "community", "name", "moved", "parentId", run + "-street2"))
                .put("/api/sites/" + run + "-community").then().statusCode(200);

        given().queryParam("site", run + "-street2").get("/api/devices").then().statusCode(200)
                .body("items.id", contains(run + "-k1"));
        given().queryParam("site", run + "-street").get("/api/devices").then().body("total", equalTo(0));
    }

    @Test
    void registers_devices_only_on_a_site_of_kind_site() {
        Sites.chain(run);

        given().contentType("application/json").body(Map.of("siteId", run + "-community"))
                .put("/api/devices/" + run + "-k1").then().statusCode(422).body("code", equalTo("site_required"));
        given().contentType("application/json").body(Map.of("siteId", run + "-site"))
                .put("/api/devices/bad%2Fid").then().statusCode(400).body("code", equalTo("invalid_device"));
        given().contentType("application/json").body(Map.of("siteId", run + "-site"))
                .put("/api/devices/" + run + "-k1").then().statusCode(201)
                .body("registration", equalTo("registered")).body("connection", equalTo("never_seen"));
    }

    @Test
    void answers_unreadable_requests_and_unknown_devices_with_problem_json() {
        given().contentType("application/json").body("{not json").put("/api/sites/" + run + "-x").then()
                .statusCode(400).contentType("application/problem+json").body("code", equalTo("invalid_request"));
        given().get("/api/devices/nobody-" + run).then().statusCode(404).body("code", equalTo("device_not_found"));
        given().queryParam("status", "sleeping").get("/api/devices").then().statusCode(400).body("code", equalTo("invalid_filter"));
        given().queryParam("limit", 5000).get("/api/devices").then().statusCode(400).body("code", equalTo("invalid_filter"));
    }

    @Test
    void serves_openapi_metrics_and_readiness_once_connected_to_the_broker() {
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("status", equalTo("UP")).body("checks.find { it.name == 'mqtt' }.status", equalTo("UP")));
    }
}
