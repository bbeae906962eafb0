package org.kioskops.hub;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.microprofile.config.ConfigProvider;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.identity.CertificateAuthority;
import org.kioskops.hub.support.DeviceCertificates;
import org.kioskops.hub.support.DeviceMessages;
import org.kioskops.hub.support.FleetScenario;
import org.kioskops.hub.support.Sites;
import org.kioskops.protocol.BrokerTrust;
import org.kioskops.protocol.ClientIdentity;
import org.kioskops.protocol.MessageKind;
import org.kioskops.protocol.Topics;
import org.kioskops.sim.FleetOptions;
import org.kioskops.sim.FleetPlan;
import org.kioskops.sim.HubRegistrar;
import org.kioskops.sim.SimulatedFleet;
import org.kioskops.testing.MqttProbe;

/**
 * The device-identity checks, run against the embedded broker and against Mosquitto (one subclass each): each kiosk is
 * confined to its own topics, only valid secrets connect, revocation cuts a kiosk off at once, bulk
 * imports are idempotent, TLS is verified against the hub's CA, and forged payloads are refused.
 */
abstract class DeviceIdentityChecks {
    static final String ACTOR = "alice@contractor.example";

    @TestHTTPResource("/")
    URL hubUrl;

    private String hub;
    private String plainUrl;
    private String tlsUrl;
    private String certificateUrl;
    private final String run = Long.toString(System.nanoTime(), 36);
    private String site;

    /** Both profiles name the broker's plain and TLS URLs under these test-only keys. */
    @BeforeEach
    void setUp() {
        hub = hubUrl.toString().replaceAll("/$", "");
        plainUrl = ConfigProvider.getConfig().getValue("test.broker.plain-url", String.class);
        tlsUrl = ConfigProvider.getConfig().getValue("test.broker.tls-url", String.class);
        certificateUrl = ConfigProvider.getConfig().getValue("test.broker.certificate-url", String.class);
        site = Sites.chain("id-" + run);
    }

    /** Imports devices {@code prefix}-1 ... -{@code count} with new secrets; returns the secrets by device id. */
    Map<String, String> importDevices(String prefix, int count) {
        JsonPath result = given().contentType("text/csv").header("X-KioskOps-Actor", ACTOR).body(csv(prefix, count))
                .post("/api/device-imports?credentials=missing").then().statusCode(200)
                .header("Cache-Control", "no-store").extract().jsonPath();
        Map<String, String> secrets = new HashMap<>();
        List<Map<String, String>> credentials = result.getList("credentials");
        credentials.forEach(c -> secrets.put(c.get("deviceId"), c.get("secret")));
        return secrets;
    }

    private String csv(String prefix, int count) {
        StringBuilder csv = new StringBuilder("device_id,site_id,hardware_model\n");
        for (int i = 1; i <= count; i++) {
            csv.append(prefix).append('-').append(i).append(',').append(site).append(",test-box\n");
        }
        return csv.toString();
    }

    private String device(String name) {
        return run + "-" + name;
    }

    @Test
    void devices_publish_and_subscribe_only_under_their_own_topics() {
        Map<String, String> secrets = importDevices(device("conf"), 2);
        String a = device("conf") + "-1";
        String b = device("conf") + "-2";
        try (MqttProbe deviceB = MqttProbe.to(plainUrl).as(b, secrets.get(b)).connect()) {
            assertThat(deviceB.trySubscribe("kioskops/v1/" + b + "/#")).as("B subscribes to its own subtree").isLessThan(0x80);

            // each refusal on a connection of its own: Paho closes a connection after a refused PUBLISH
            assertThat(publishAs(a, secrets.get(a), Topics.topic(b, MessageKind.TELEMETRY))).as("A publishing as B")
                    .isEqualTo(NOT_AUTHORIZED);
            for (String filter : List.of("kioskops/v1/" + b + "/#", "kioskops/v1/+/events", "#")) {
                assertCannotReceive(a, secrets.get(a), filter, deviceB, b);
            }
            try (MqttProbe deviceA = MqttProbe.to(plainUrl).as(a, secrets.get(a)).connect()) {
                assertThat(deviceA.trySubscribe("kioskops/v1/" + a + "/#")).as("A subscribing to its own subtree").isLessThan(0x80);
                assertThat(deviceA.tryPublish(Topics.topic(a, MessageKind.EVENTS), "{}".getBytes(StandardCharsets.UTF_8), false))
                        .as("A publishing under its own subtree").isLessThan(0x80);
            }

            // B's own message arrives after A's refused one was handled: by then B would have seen A's
            String marker = Topics.topic(b, MessageKind.EVENTS);
            deviceB.publish(marker, "{}");
            await("B's own message").atMost(Duration.ofSeconds(10)).until(() -> !deviceB.on(marker).isEmpty());
            assertThat(deviceB.received()).extracting(MqttProbe.Received::topic).containsOnly(marker);

            // A cannot take over B's session by using B's client id
            MqttProbe.Attempt takeover = MqttProbe.to(plainUrl).as(a, secrets.get(a)).clientId(b).attempt();
            assertThat(deviceB.isConnected()).as("B still connected after A tried its client id (%s)", takeover).isTrue();
        }
    }

    private static final int NOT_AUTHORIZED = 0x87;

    private int publishAs(String id, String secret, String topic) {
        try (MqttProbe probe = MqttProbe.to(plainUrl).as(id, secret).connect()) {
            return probe.tryPublish(topic, "forged".getBytes(StandardCharsets.UTF_8), false);
        }
    }

    /**
     * A subscribes to {@code filter}: the broker refuses (HiveMQ), or grants it but delivers nothing A may
     * not read (Mosquitto checks its ACL per delivered message).
     */
    private void assertCannotReceive(String a, String secretA, String filter, MqttProbe deviceB, String b) {
        try (MqttProbe listener = MqttProbe.to(plainUrl).as(a, secretA).connect()) {
            listener.subscribe("kioskops/v1/" + a + "/#");
            int granted = listener.trySubscribe(filter);
            if (granted >= 0x80) {
                assertThat(granted).as("SUBACK of %s", filter).isLessThanOrEqualTo(0xFF);
                return;
            }
            deviceB.publish(Topics.topic(b, MessageKind.EVENTS), "{}");
            // A's own message is routed after B's, which A would have received first
            String marker = Topics.topic(a, MessageKind.EVENTS);
            listener.publish(marker, "{}");
            await("A's own message").atMost(Duration.ofSeconds(10)).until(() -> !listener.on(marker).isEmpty());
            assertThat(listener.received()).extracting(MqttProbe.Received::topic).as("A subscribed to %s", filter)
                    .allMatch(topic -> topic.startsWith("kioskops/v1/" + a + "/"));
        }
    }

    @Test
    void wrong_missing_or_foreign_secrets_are_refused() {
        Map<String, String> secrets = importDevices(device("secret"), 2);
        String a = device("secret") + "-1";
        String b = device("secret") + "-2";
        assertThat(MqttProbe.to(plainUrl).as(a, secrets.get(a)).attempt().accepted()).as("right secret").isTrue();
        assertThat(MqttProbe.to(plainUrl).as(a, secrets.get(a) + "x").attempt()).as("wrong secret")
                .satisfies(attempt -> assertThat(attempt.accepted()).isFalse())
                .extracting(MqttProbe.Attempt::reasonCode).isIn(0x86, 0x87);
        assertThat(MqttProbe.to(plainUrl).as(a, secrets.get(b)).attempt().accepted()).as("B's secret for A").isFalse();
        assertThat(MqttProbe.to(plainUrl).as(a, null).attempt().accepted()).as("no password").isFalse();
        assertThat(MqttProbe.to(plainUrl).attempt().accepted()).as("anonymous").isFalse();
        assertThat(MqttProbe.to(plainUrl).as("kioskops-hub", secrets.get(a)).attempt().accepted())
                .as("a device secret for the hub's account").isFalse();
    }

    @Test
    void a_revoked_device_is_cut_off_and_refused_and_a_rotated_secret_replaces_the_old() {
        Map<String, String> secrets = importDevices(device("revoke"), 1);
        String id = device("revoke") + "-1";
        String secret = secrets.get(id);
        try (MqttProbe kiosk = MqttProbe.to(plainUrl).as(id, secret).connect()) {
            given().header("X-KioskOps-Actor", ACTOR).delete("/api/devices/" + id + "/credentials").then().statusCode(200)
                    .body("active", equalTo(false)).body("revokedBy", equalTo(ACTOR));
            await("revoked kiosk disconnected").atMost(Duration.ofSeconds(10)).until(() -> !kiosk.isConnected());
        }
        assertThat(MqttProbe.to(plainUrl).as(id, secret).attempt().accepted()).as("reconnect after revocation").isFalse();
        given().get("/api/devices/" + id + "/credentials").then().statusCode(200).body("active", equalTo(false));

        String rotated = given().header("X-KioskOps-Actor", ACTOR).post("/api/devices/" + id + "/credentials").then().statusCode(201)
                .header("Cache-Control", "no-store").body("username", equalTo(id)).extract().path("secret");
        assertThat(rotated).isNotEqualTo(secret).hasSizeGreaterThanOrEqualTo(32);
        await("new secret accepted").atMost(Duration.ofSeconds(10))
                .until(() -> MqttProbe.to(plainUrl).as(id, rotated).attempt().accepted());
        assertThat(MqttProbe.to(plainUrl).as(id, secret).attempt().accepted()).as("old secret after re-issue").isFalse();

        List<String> actions = given().queryParam("target", id).get("/api/audit").then().statusCode(200)
                .extract().jsonPath().getList("action");
        assertThat(actions).as("newest first").containsExactly("credentials.issued", "credentials.revoked", "credentials.issued");
        assertThat(given().queryParam("target", id).get("/api/audit").then().extract().jsonPath().getList("actor", String.class))
                .containsOnly(ACTOR);
    }

    @Test
    void a_bulk_import_of_1000_devices_works_and_is_idempotent() {
        String prefix = device("bulk");
        long start = System.nanoTime();
        JsonPath first = given().contentType("text/csv").header("X-KioskOps-Actor", ACTOR).body(csv(prefix, 1000))
                .post("/api/device-imports?credentials=missing").then().statusCode(200).extract().jsonPath();
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(first.getInt("created")).isEqualTo(1000);
        assertThat(first.getInt("credentialsIssued")).isEqualTo(1000);
        assertThat(first.getList("errors")).isEmpty();
        List<Map<String, String>> credentials = first.getList("credentials");
        assertThat(credentials).extracting(c -> c.get("secret")).doesNotHaveDuplicates().hasSize(1000);

        JsonPath again = given().contentType("text/csv").header("X-KioskOps-Actor", ACTOR).body(csv(prefix, 1000))
                .post("/api/device-imports?credentials=missing").then().statusCode(200).extract().jsonPath();
        assertThat(again.getInt("created")).isZero();
        assertThat(again.getInt("updated")).isZero();
        assertThat(again.getInt("unchanged")).isEqualTo(1000);
        assertThat(again.getInt("credentialsIssued")).isZero();
        assertThat(again.getList("credentials")).isEmpty();

        for (int i : new int[] {1, 500, 1000}) {
            String id = prefix + "-" + i;
            String secret = credentials.stream().filter(c -> c.get("deviceId").equals(id)).findFirst().orElseThrow().get("secret");
            assertThat(MqttProbe.to(plainUrl).as(id, secret).attempt().accepted()).as("%s with its imported secret", id).isTrue();
        }
        given().queryParam("site", site).queryParam("limit", 1).get("/api/devices").then().statusCode(200)
                .body("total", Matchers.greaterThanOrEqualTo(1000));
        System.out.printf("%s: import of 1,000 devices with credentials took %d ms%n", getClass().getSimpleName(), took.toMillis());
    }

    @Test
    void tls_connects_with_the_hub_ca_and_is_refused_without_it() throws IOException {
        Path work = Path.of("target", "tls-" + UUID.randomUUID());
        Map<String, String> secrets = importDevices(device("tls"), 1);
        String id = device("tls") + "-1";
        String pem = given().get("/api/broker/ca.pem").then().statusCode(200).extract().asString();
        Path caFile = work.resolve("ca.pem");
        Files.createDirectories(work);
        Files.writeString(caFile, pem);
        SSLSocketFactory trusted = BrokerTrust.socketFactory(caFile);
        try (MqttProbe kiosk = MqttProbe.to(tlsUrl).as(id, secrets.get(id)).tls(trusted).connect()) {
            assertThat(kiosk.tryPublish(Topics.topic(id, MessageKind.EVENTS), "{}".getBytes(StandardCharsets.UTF_8), false)).isLessThan(0x80);
        }

        CertificateAuthority stranger = CertificateAuthority.loadOrCreate(work.resolve("stranger"), "Some other CA", Clock.systemUTC());
        Path strangerCa = work.resolve("stranger-ca.pem");
        Files.writeString(strangerCa, stranger.certificatePem());
        MqttProbe.Attempt untrusting = MqttProbe.to(tlsUrl).as(id, secrets.get(id)).tls(BrokerTrust.socketFactory(strangerCa)).attempt();
        assertThat(untrusting.accepted()).isFalse();
        assertThat(untrusting.causedBy(SSLException.class)).as("refused in the TLS handshake: %s", untrusting.failure()).isTrue();
    }

    @Test
    void a_hub_issued_client_certificate_replaces_the_secret_confines_the_device_and_is_cut_off_when_revoked() throws IOException {
        Path work = Path.of("target", "certs-" + UUID.randomUUID());
        Map<String, String> secrets = importDevices(device("cert"), 2);
        String a = device("cert") + "-1";
        String b = device("cert") + "-2";
        Path caFile = brokerCaFile(work);
        DeviceCertificates.Issued certA = DeviceCertificates.issue(a, true, ACTOR, work);
        DeviceCertificates.Issued certB = DeviceCertificates.issue(b, false, ACTOR, work);
        given().get("/api/devices/" + a + "/credentials").then().statusCode(200).body("kind", equalTo("certificate"))
                .body("certificateSerial", equalTo(certA.serial())).body("active", equalTo(true));
        await("certificate accepted").atMost(Duration.ofSeconds(10))
                .until(() -> MqttProbe.to(certificateUrl).clientId(a).tls(certA.tls(caFile)).attempt().accepted());
        assertThat(MqttProbe.to(plainUrl).as(a, secrets.get(a)).attempt().accepted()).as("A's secret, replaced by its certificate").isFalse();

        try (MqttProbe deviceB = MqttProbe.to(certificateUrl).clientId(b).tls(certB.tls(caFile)).connect()) {
            try (MqttProbe deviceA = MqttProbe.to(certificateUrl).clientId(a).tls(certA.tls(caFile)).connect()) {
                assertThat(deviceA.tryPublish(Topics.topic(a, MessageKind.EVENTS), "{}".getBytes(StandardCharsets.UTF_8), false))
                        .as("A under its own subtree, no user name or password").isLessThan(0x80);
            }
            try (MqttProbe deviceA = MqttProbe.to(certificateUrl).clientId(a).tls(certA.tls(caFile)).connect()) {
                assertThat(deviceA.tryPublish(Topics.topic(b, MessageKind.TELEMETRY), "forged".getBytes(StandardCharsets.UTF_8), false))
                        .as("A's certificate publishing as B").isEqualTo(NOT_AUTHORIZED);
            }
            MqttProbe.Attempt takeover = MqttProbe.to(certificateUrl).clientId(b).tls(certA.tls(caFile)).attempt();
            assertThat(deviceB.isConnected()).as("B still connected after A's certificate used B's client id (%s)", takeover).isTrue();

            // a certificate for B's id from a CA other than the hub's is worthless
            CertificateAuthority stranger = CertificateAuthority.loadOrCreate(work.resolve("stranger"), "Some other CA", Clock.systemUTC());
            Path forgedCert = work.resolve("forged.pem");
            X509Certificate forged = stranger.issueClient(b, ClientIdentity.load(certB.certificate(), certB.key()).certificate().getPublicKey(),
                    Duration.ofDays(1));
            Files.writeString(forgedCert, CertificateAuthority.pem("CERTIFICATE", encoded(forged)));
            Path forgedKey = certB.key();
            assertThat(MqttProbe.to(certificateUrl).clientId(b).tls(new DeviceCertificates.Issued(forgedCert, forgedKey, "").tls(caFile))
                    .attempt().accepted()).as("B's id in a certificate from another CA").isFalse();

            // renewal: B's new certificate works, its old one is cut off and refused
            DeviceCertificates.Issued renewedB = DeviceCertificates.issue(b, true, ACTOR, work.resolve("renewed"));
            await("B's old certificate cut off").atMost(Duration.ofSeconds(10)).until(() -> !deviceB.isConnected());
            assertThat(MqttProbe.to(certificateUrl).clientId(b).tls(certB.tls(caFile)).attempt().accepted()).as("B's replaced certificate").isFalse();
            assertThat(MqttProbe.to(certificateUrl).clientId(b).tls(renewedB.tls(caFile)).attempt().accepted()).as("B's new certificate").isTrue();
        }

        try (MqttProbe deviceA = MqttProbe.to(certificateUrl).clientId(a).tls(certA.tls(caFile)).connect()) {
            given().header("X-KioskOps-Actor", ACTOR).delete("/api/devices/" + a + "/credentials").then().statusCode(200)
                    .body("active", equalTo(false)).body("kind", equalTo("certificate"));
            await("revoked certificate cut off").atMost(Duration.ofSeconds(10)).until(() -> !deviceA.isConnected());
        }
        assertThat(MqttProbe.to(certificateUrl).clientId(a).tls(certA.tls(caFile)).attempt().accepted()).as("revoked certificate").isFalse();
        assertThat(given().queryParam("target", a).get("/api/audit").then().statusCode(200).extract().jsonPath().getList("action"))
                .as("newest first").containsExactly("certificate.revoked", "certificate.issued", "credentials.issued");
    }

    @Test
    void a_kiosk_agent_with_a_client_certificate_comes_online() throws Exception {
        Path work = Path.of("target", "fleet-certs-" + UUID.randomUUID());
        Path caFile = brokerCaFile(work);
        FleetPlan plan = FleetPlan.generate(2, 1, 7, "certs-" + run, run + "-certkiosk-");
        new HubRegistrar(URI.create(hub)).register(plan);
        Map<String, FleetOptions.ClientCertificate> certificates = new HashMap<>();
        for (FleetPlan.KioskPlan kiosk : plan.kiosks()) {
            DeviceCertificates.Issued issued = DeviceCertificates.issue(kiosk.deviceId(), true, ACTOR, work);
            certificates.put(kiosk.deviceId(), new FleetOptions.ClientCertificate(issued.certificate(), issued.key()));
        }
        try (SimulatedFleet fleet = SimulatedFleet.start(plan, FleetOptions.defaults(certificateUrl).withCaFile(caFile)
                .withCertificates(certificates).withTelemetryInterval(Duration.ofSeconds(1)))) {
            for (FleetPlan.KioskPlan kiosk : plan.kiosks()) {
                await(kiosk.deviceId() + " online with its certificate").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        given().get("/api/devices/" + kiosk.deviceId()).then().statusCode(200).body("device.connection", equalTo("online")));
            }
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CA that signed the broker's server certificate, as a box downloads it. */
    private Path brokerCaFile(Path work) throws IOException {
        Files.createDirectories(work);
        Path caFile = work.resolve("broker-ca.pem");
        Files.writeString(caFile, given().get("/api/broker/ca.pem").then().statusCode(200).extract().asString());
        return caFile;
    }

    @Test
    void simulated_kiosks_verify_the_broker_against_the_hub_ca() throws Exception {
        Path work = Path.of("target", "fleet-tls-" + UUID.randomUUID());
        Files.createDirectories(work);
        Path caFile = work.resolve("ca.pem");
        new HubRegistrar(URI.create(hub)).downloadBrokerCa(caFile);
        try (FleetScenario scenario = new FleetScenario(hub, tlsUrl, 3, 1).withCaFile(caFile).start()) {
            scenario.awaitCounts("3 kiosks online over TLS", 3, 0);
        }

        CertificateAuthority stranger = CertificateAuthority.loadOrCreate(work.resolve("stranger"), "Some other CA", Clock.systemUTC());
        Path strangerCa = work.resolve("stranger-ca.pem");
        Files.writeString(strangerCa, stranger.certificatePem());
        FleetPlan plan = FleetPlan.generate(1, 1, 7, "stranger-" + run, run + "-stranger-");
        Map<String, String> secrets = new HubRegistrar(URI.create(hub)).register(plan);
        String id = plan.kiosks().get(0).deviceId();
        try (SimulatedFleet fleet = SimulatedFleet.start(plan, FleetOptions.defaults(tlsUrl).withSecrets(secrets).withCaFile(strangerCa))) {
            await("a kiosk trusting another CA fails its attempts").atMost(Duration.ofSeconds(20))
                    .until(() -> fleet.agent(id).stats().connectionLosses() >= 2);
            assertThat(fleet.agent(id).stats().connects()).isZero();
            assertThat(fleet.agent(id).stats().lastConnectionProblem()).containsIgnoringCase("certification path");
        }
    }

    @Test
    void a_payload_naming_another_device_is_rejected_and_counted() {
        Map<String, String> secrets = importDevices(device("forge"), 2);
        String a = device("forge") + "-1";
        String b = device("forge") + "-2";
        long before = rejected("device_id_mismatch");
        try (MqttProbe deviceA = MqttProbe.to(plainUrl).as(a, secrets.get(a)).connect()) {
            DeviceMessages asB = new DeviceMessages(b, deviceA);
            // A's own topic, B's id in the payload
            assertThat(deviceA.tryPublish(Topics.topic(a, MessageKind.TELEMETRY), DeviceMessages.encode(asB.telemetry(4, 1)), false))
                    .isLessThan(0x80);
        }
        await("forged payload counted").atMost(Duration.ofSeconds(20)).until(() -> rejected("device_id_mismatch") == before + 1);
        given().queryParam("deviceId", a).get("/api/ingest/rejections").then().statusCode(200)
                .body("[0].code", equalTo("device_id_mismatch"));
        given().get("/api/devices/" + b).then().statusCode(200).body("device.lastSeenAt", Matchers.nullValue());
    }

    @Test
    void an_approved_claim_gives_the_box_its_secret_once() {
        String id = device("claimed");
        String code = given().contentType("application/json").header("X-KioskOps-Actor", ACTOR)
                .body(Map.of("siteId", site, "hardwareModel", "claimed-box", "validFor", "PT1H"))
                .post("/api/claim-codes").then().statusCode(201).header("Cache-Control", "no-store")
                .extract().path("code");
        assertThat(code).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");

        // the installer types the code from a label: case and separators do not matter
        JsonPath ticket = given().contentType("application/json")
                .body(Map.of("code", code.toLowerCase(Locale.ROOT).replace("-", " "), "deviceId", id))
                .post("/api/claims").then().statusCode(201).body("status", equalTo("pending")).extract().jsonPath();
        String claimId = ticket.getString("claimId");
        String token = ticket.getString("pickupToken");
        given().contentType("application/json").body(Map.of("code", code, "deviceId", id + "-again"))
                .post("/api/claims").then().statusCode(403).body("code", equalTo("claim_code_invalid"));

        given().contentType("application/json").body(Map.of("pickupToken", token + "x"))
                .post("/api/claims/" + claimId + "/pickup").then().statusCode(403).body("code", equalTo("pickup_denied"));
        given().contentType("application/json").body(Map.of("pickupToken", token))
                .post("/api/claims/" + claimId + "/pickup").then().statusCode(202).body("status", equalTo("pending"))
                .body("secret", Matchers.nullValue());
        given().queryParam("status", "pending").get("/api/claims").then().statusCode(200)
                .body("find { it.id == '" + claimId + "' }.codeHint", equalTo(code.substring(code.length() - 4)))
                .body("find { it.id == '" + claimId + "' }.deviceId", equalTo(id));

        given().header("X-KioskOps-Actor", ACTOR).post("/api/claims/" + claimId + "/approve").then().statusCode(200)
                .body("status", equalTo("approved")).body("decidedBy", equalTo(ACTOR));
        given().get("/api/devices/" + id).then().statusCode(200).body("device.siteId", equalTo(site))
                .body("device.registration", equalTo("registered"));

        String secret = given().contentType("application/json").body(Map.of("pickupToken", token))
                .post("/api/claims/" + claimId + "/pickup").then().statusCode(200).header("Cache-Control", "no-store")
                .body("username", equalTo(id)).extract().path("secret");
        assertThat(MqttProbe.to(plainUrl).as(id, secret).attempt().accepted()).as("claimed box with its secret").isTrue();
        given().contentType("application/json").body(Map.of("pickupToken", token))
                .post("/api/claims/" + claimId + "/pickup").then().statusCode(409).body("code", equalTo("claim_decided"));

        // a code cannot take over a registered kiosk
        String second = given().contentType("application/json").body(Map.of("siteId", site)).post("/api/claim-codes")
                .then().statusCode(201).extract().path("code");
        given().contentType("application/json").body(Map.of("code", second, "deviceId", id))
                .post("/api/claims").then().statusCode(409).body("code", equalTo("device_exists"));

        assertThat(given().queryParam("target", id).get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getList("action", String.class))
                // newest first; the refusals: the id taken, the wrong pickup token (the used code was refused for another id)
                .containsExactly("claim.refused", "claim.collected", "claim.approved", "credentials.issued", "claim.refused", "claim.requested");
        assertThat(given().queryParam("target", id + "-again").get("/api/audit").then().statusCode(200).extract().jsonPath()
                .getList("detail", String.class)).singleElement().asString().startsWith("code_invalid from ");
    }

    static long rejected(String reason) {
        Map<String, Integer> rejected = given().get("/api/ingest/stats").then().extract().jsonPath().getMap("rejected");
        return rejected.getOrDefault(reason, 0);
    }
}
