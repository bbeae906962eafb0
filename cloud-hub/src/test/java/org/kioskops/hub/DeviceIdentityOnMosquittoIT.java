package org.kioskops.hub;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.kioskops.hub.support.SecuredMosquittoProfile;

/** Device identity enforced by a Mosquitto whose password and ACL files the hub writes, reloaded with SIGHUP; the hub itself connects over TLS. */
@QuarkusTest
@TestProfile(SecuredMosquittoProfile.class)
class DeviceIdentityOnMosquittoIT extends DeviceIdentityChecks {
}
