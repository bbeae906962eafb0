package org.kioskops.sim;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Requests to the hub's REST API, carrying the API token of {@code KIOSKOPS_HUB_TOKEN} (or the system property
 * {@code kioskops.hub-token}) when one is set: a hub with users wants one for every call (docs/security.md).
 */
public final class HubApi {
    private HubApi() {
    }

    /** A request builder for {@code uri}, with the token if there is one. */
    public static HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        String token = System.getProperty("kioskops.hub-token", System.getenv("KIOSKOPS_HUB_TOKEN"));
        if (token != null && !token.isBlank()) {
            builder.header("Authorization", "Bearer " + token.strip());
        }
        return builder;
    }
}
