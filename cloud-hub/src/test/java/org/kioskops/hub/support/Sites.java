package org.kioskops.hub.support;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

/** Builds site chains through the API for tests. */
public final class Sites {
    private Sites() {
    }

    /** Creates city, district, street, community and site named {@code prefix}-city ... {@code prefix}-site. */
    public static String chain(String prefix) {
        put(prefix + "-city", "city", null);
        put(prefix + "-district", "district", prefix + "-city");
        put(prefix + "-street", "street", prefix + "-district");
        put(prefix + "-community", "community", prefix + "-street");
        put(prefix + "-site", "site", prefix + "-community");
        return prefix + "-site";
    }

    public static void put(String id, String kind, String parentId) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        body.put("name", kind + " " + id);
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        given().contentType("application/json").body(body).put("/api/sites/" + id).then().statusCode(201);
    }

    public static void register(String deviceId, String siteId) {
        given().contentType("application/json").body(Map.of("siteId", siteId, "hardwareModel", "test-box"))
                .put("/api/devices/" + deviceId).then().statusCode(201);
    }
}
