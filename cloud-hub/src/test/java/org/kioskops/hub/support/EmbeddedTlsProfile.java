package org.kioskops.hub.support;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** The hub on its embedded defaults with the embedded broker's TLS listener on; see {@link EmbeddedTlsResource}. */
public class EmbeddedTlsProfile implements QuarkusTestProfile {
    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(EmbeddedTlsResource.class));
    }
}
