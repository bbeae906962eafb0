package org.kioskops.hub.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.telemetry.influx.FakeInflux;

/** The hub with the InfluxDB store, pointed at a local endpoint that answers like InfluxDB 2. */
public class FakeInfluxProfile implements QuarkusTestProfile {
    /** The endpoint of the running profile, for the test to steer. */
    public static volatile FakeInflux influx;

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MosquittoResource.class), new TestResourceEntry(Endpoint.class));
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("kioskops.telemetry.store", "influx",
                "kioskops.telemetry.influx.token", "hub-token",
                "kioskops.telemetry.influx.timeout", "2s");
    }

    /** Starts the endpoint before the hub. */
    public static class Endpoint implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            try {
                influx = new FakeInflux();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Map.of("kioskops.telemetry.influx.url", influx.url());
        }

        @Override
        public void stop() {
            influx.close();
        }
    }
}
