package org.kioskops.hub;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.mqtt.PahoIngestClient;
import org.kioskops.hub.support.EmbeddedDefaultsProfile;

/** The walking skeleton on the embedded defaults: HiveMQ CE child process and H2. */
@QuarkusTest
@TestProfile(EmbeddedDefaultsProfile.class)
class FleetOnEmbeddedDefaultsIT {
    @TestHTTPResource("/")
    URL hub;

    @Inject
    PahoIngestClient mqtt;

    @Test
    void twenty_kiosks_report_through_the_embedded_broker_and_killed_ones_go_offline() throws Exception {
        FleetFlow.twenty_kiosks_online_with_exact_occupancy_then_five_killed_go_offline_by_their_will(
                hub.toString().replaceAll("/$", ""), mqtt.url());
    }
}
