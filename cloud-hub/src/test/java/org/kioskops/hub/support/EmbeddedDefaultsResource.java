package org.kioskops.hub.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;
import org.kioskops.testing.Ports;

/**
 * The hub's embedded defaults: no broker URL, so the hub starts its HiveMQ child process (here on a free
 * port), and an H2 file database; both with their state in fresh directories under target/.
 */
public class EmbeddedDefaultsResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        String run = UUID.randomUUID().toString();
        return Map.of(
                "kioskops.broker.embedded.port", Integer.toString(Ports.free()),
                "kioskops.broker.embedded.home", "target/embedded-broker-" + run,
                "quarkus.datasource.jdbc.url", "jdbc:h2:file:./target/h2-" + run + "/kioskops;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    @Override
    public void stop() {
        // the hub stops its broker on shutdown
    }
}
