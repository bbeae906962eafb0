package org.kioskops.hub.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The hub managing the accounts of a Mosquitto of the test's own, over TLS; see {@link SecuredMosquittoResource}. */
public class SecuredMosquittoProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SecuredMosquittoResource.class));
    }
}
