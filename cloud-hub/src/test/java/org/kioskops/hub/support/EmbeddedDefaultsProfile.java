package org.kioskops.hub.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The hub on its embedded defaults: the HiveMQ child process and an H2 file database. */
public class EmbeddedDefaultsProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedDefaultsResource.class));
    }
}
