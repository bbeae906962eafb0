package org.kioskops.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * {@link OwnMosquittoProfile} with the hub on a port chosen here, so that it can tell devices its own URL for
 * uploads and release downloads ({@code kioskops.uploads.public-url}); the tests' release key trusted, and
 * campaigns advanced every second.
 */
public class UploadsProfile extends OwnMosquittoProfile {
    private static final int PORT = freePort();

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.test-port", Integer.toString(PORT),
                "kioskops.uploads.public-url", "http://127.0.0.1:" + PORT,
                "kioskops.uploads.dir", "target/uploads-" + PORT,
                "kioskops.uploads.max-bytes", "200000",
                "kioskops.updates.dir", "target/releases-" + PORT,
                "kioskops.updates.release-public-keys", ReleaseKeys.TRUSTED_PUBLIC_PEM.toString(),
                "kioskops.updates.rollout-check", "1s",
                "kioskops.updates.deployment-timeout", "10s");
    }
}
