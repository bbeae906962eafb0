package org.kioskops.hub.support;

import java.util.Map;

/** {@link OwnMosquittoProfile} with a demo hub that signs unsigned releases with a key of its own. */
public class DemoSigningProfile extends OwnMosquittoProfile {
    public static final String DIR = "target/releases-demo-" + ProcessHandle.current().pid();

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kioskops.updates.dir", DIR, "kioskops.updates.demo-signing", "true");
    }
}
