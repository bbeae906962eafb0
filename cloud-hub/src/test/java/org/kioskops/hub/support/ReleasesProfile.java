package org.kioskops.hub.support;

import java.util.Map;

/**
 * {@link OwnMosquittoProfile} with releases kept under {@code target/} and the tests' release key trusted; the
 * hub holds no signing key of its own, as in production.
 */
public class ReleasesProfile extends OwnMosquittoProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kioskops.updates.dir", "target/releases-" + ProcessHandle.current().pid(),
                "kioskops.updates.release-public-keys", ReleaseKeys.TRUSTED_PUBLIC_PEM.toString());
    }
}
