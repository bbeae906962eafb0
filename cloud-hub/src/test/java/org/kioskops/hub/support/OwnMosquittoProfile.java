package org.kioskops.hub.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The hub on a Mosquitto of the tests' own and the in-memory H2; test classes with this profile share one hub. */
public class OwnMosquittoProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MosquittoResource.class));
    }
}
