package org.kioskops.hub.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.kioskops.testing.MosquittoBroker;

/** A Mosquitto of the test's own, on a free port; the hub is pointed at it. */
public class MosquittoResource implements QuarkusTestResourceLifecycleManager {
    private MosquittoBroker broker;

    @Override
    public Map<String, String> start() {
        broker = MosquittoBroker.start(Path.of("target", "mosquitto-" + UUID.randomUUID()));
        return Map.of("kioskops.mqtt.url", broker.url());
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
