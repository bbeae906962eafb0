package org.kioskops.hub;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.EmbeddedTlsProfile;

/** Device identity enforced by the embedded broker (HiveMQ CE with the hub's access extension), TLS on. */
@QuarkusTest
@TestProfile(EmbeddedTlsProfile.class)
class DeviceIdentityOnEmbeddedIT {
    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL hub;

    private IdentityFlow flow;

    @BeforeEach
    void setUp() {
        flow = new IdentityFlow(hub.toString(), ConfigProvider.getConfig().getValue("test.broker.plain-url", String.class),
                ConfigProvider.getConfig().getValue("test.broker.tls-url", String.class));
    }

    @Test
    void devices_publish_and_subscribe_only_under_their_own_topics() {
        flow.devices_publish_and_subscribe_only_under_their_own_topics();
    }

    @Test
    void wrong_missing_or_foreign_secrets_are_refused() {
        flow.wrong_missing_or_foreign_secrets_are_refused();
    }

    @Test
    void a_revoked_device_is_cut_off_and_refused_and_a_rotated_secret_replaces_the_old() {
        flow.a_revoked_device_is_cut_off_and_refused_and_a_rotated_secret_replaces_the_old();
    }

    @Test
    void a_bulk_import_of_1000_devices_works_and_is_idempotent() {
        System.out.printf("import of 1000 devices with credentials on Embedded: %d ms%n",
                flow.a_bulk_import_of_1000_devices_works_and_is_idempotent().toMillis());
    }

    @Test
    void tls_connects_with_the_hub_ca_and_is_refused_without_it() throws Exception {
        flow.tls_connects_with_the_hub_ca_and_is_refused_without_it(Path.of("target", "tls-" + UUID.randomUUID()));
    }

    @Test
    void a_payload_naming_another_device_is_rejected_and_counted() {
        flow.a_payload_naming_another_device_is_rejected_and_counted();
    }

    @Test
    void an_approved_claim_gives_the_box_its_secret_once() {
        flow.an_approved_claim_gives_the_box_its_secret_once();
    }

    @Test
    void simulated_kiosks_verify_the_broker_against_the_hub_ca() throws Exception {
        flow.simulated_kiosks_verify_the_broker_against_the_hub_ca(Path.of("target", "fleet-tls-" + UUID.randomUUID()));
    }
}
