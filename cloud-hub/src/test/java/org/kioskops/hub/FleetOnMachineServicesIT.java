package org.kioskops.hub;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.MachineServicesProfile;

/** The walking skeleton on real services: the machine's Mosquitto (1883) and PostgreSQL (5432, database test). */
@QuarkusTest
@TestProfile(MachineServicesProfile.class)
class FleetOnMachineServicesIT {
    @TestHTTPResource("/")
    URL hub;

    @Test
    void twenty_kiosks_report_through_mosquitto_into_postgresql_and_killed_ones_go_offline() throws Exception {
        FleetFlow.twenty_kiosks_online_with_exact_occupancy_then_five_killed_go_offline_by_their_will(
                hub.toString().replaceAll("/$", ""), MachineServicesProfile.BROKER);
    }
}
