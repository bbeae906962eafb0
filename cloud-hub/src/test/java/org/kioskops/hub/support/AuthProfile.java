package org.kioskops.hub.support;

import java.util.Map;

/** {@link OwnMosquittoProfile} with authentication on, a known administrator and token, and alerts within seconds. */
public class AuthProfile extends OwnMosquittoProfile {
    public static final String ADMIN_PASSWORD = "correct horse battery";
    public static final String ADMIN_TOKEN = "kio_test-admin-token-for-access-it";

    @Override
    public Map<String, String> getConfigOverrides() {
        // every test calls from 127.0.0.1: the per-address limit on refused claims is out of the way here (ClaimThrottleTest)
        return Map.of("kioskops.auth.enabled", "true",
                "kioskops.claims.failures-per-source", "1000",
                "kioskops.auth.bootstrap-password", ADMIN_PASSWORD,
                "kioskops.auth.bootstrap-token", ADMIN_TOKEN,
                "kioskops.alerts.offline-after", "2s",
                "kioskops.alerts.evaluate-every", "1s",
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:kioskops-access;DB_CLOSE_DELAY=-1");
    }
}
