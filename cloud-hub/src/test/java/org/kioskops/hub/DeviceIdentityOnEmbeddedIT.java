package org.kioskops.hub;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.kioskops.hub.support.EmbeddedTlsProfile;

/** Device identity enforced by the embedded broker (HiveMQ CE with the hub's access extension), TLS on. */
@QuarkusTest
@TestProfile(EmbeddedTlsProfile.class)
class DeviceIdentityOnEmbeddedIT extends DeviceIdentityChecks {
}
