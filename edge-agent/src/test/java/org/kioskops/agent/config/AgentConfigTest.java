package org.kioskops.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.protocol.HealthDeviceKind;

class AgentConfigTest {

    @Test
    void fills_every_default_from_a_minimal_file() throws Exception {
        AgentConfig config = AgentConfig.parse("""
                deviceId: kiosk-0001
                mqtt:
                  url: tcp://hub.example:1883
                """, "agent.yaml");

        assertThat(config.clientId()).isEqualTo("kiosk-0001");
        assertThat(config.stateDir()).isEqualTo(Path.of("/var/lib/kioskops-agent"));
        assertThat(config.mqtt().keepAliveSeconds()).isEqualTo(30);
        assertThat(config.mqtt().sessionExpirySeconds()).isEqualTo(604_800L);
        assertThat(config.telemetry().intervalSeconds()).isEqualTo(30);
        assertThat(config.outbox().maxMessages()).isEqualTo(20_000);
        assertThat(config.hardware().screen()).isEqualTo(HardwareSettings.Driver.SYSFS);
        assertThat(config.hardware().lockers().driver()).isEqualTo(HardwareSettings.Driver.NONE);
    }

    @Test
    void reads_a_full_file_with_locker_wiring() throws Exception {
        AgentConfig config = AgentConfig.parse("""
                deviceId: kiosk-0042
                hardwareModel: rpi4-kiosk-v2
                stateDir: /tmp/agent
                mqtt:
                  url: ssl://hub.example:8883
                  keepAliveSeconds: 20
                telemetry:
                  intervalSeconds: 10
                hardware:
                  screen: none
                  lockers:
                    driver: pi4j
                    banks:
                      - id: A
                        compartments: 2
                        doorPins: [17, 27]
                        occupancyPins: [22, 23]
                        activeHigh: false
                  peripherals:
                    - id: printer-1
                      type: receipt_printer
                """, "agent.yaml");

        HardwareSettings.BankSettings bank = config.hardware().lockers().banks().get(0);
        assertThat(bank.doorPins()).containsExactly(17, 27);
        assertThat(bank.activeHigh()).isFalse();
        assertThat(config.mqtt().keepAliveSeconds()).isEqualTo(20);
        assertThat(config.hardware().peripherals()).hasSize(1);
    }

    @Test
    void reports_every_problem_with_its_key_at_once() {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: "kiosk/1"
                mqtt:
                  url: http://hub.example
                  keepAliveSeconds: 2
                telemetry:
                  intervalSeconds: 0
                hardware:
                  lockers:
                    driver: pi4j
                    banks:
                      - id: A
                        compartments: 3
                        doorPins: [17]
                """, "agent.yaml"));

        assertThat(e.problems()).hasSize(6).anySatisfy(p -> assertThat(p).startsWith("deviceId: "))
                .anySatisfy(p -> assertThat(p).startsWith("mqtt.url: must be tcp://host:port"))
                .anySatisfy(p -> assertThat(p).startsWith("mqtt.keepAliveSeconds: must be between 5 and 3600 (was '2')"))
                .anySatisfy(p -> assertThat(p).startsWith("telemetry.intervalSeconds: "))
                .anySatisfy(p -> assertThat(p).startsWith("hardware.lockers.banks[0].doorPins: needs one GPIO pin per compartment"))
                .anySatisfy(p -> assertThat(p).startsWith("hardware.lockers.banks[0].occupancyPins: "));
        assertThat(e.getMessage()).startsWith("agent.yaml: 6 problem(s)");
    }

    @Test
    void refuses_a_gpio_pin_wired_to_two_sensors_and_an_outbox_that_cannot_hold_two_segments() {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0001
                mqtt:
                  url: tcp://hub:1883
                outbox:
                  maxBytes: 100000
                  fsync: sometimes
                hardware:
                  lockers:
                    driver: pi4j
                    banks:
                      - {id: A, compartments: 2, doorPins: [17, 27], occupancyPins: [22, 23]}
                      - {id: B, compartments: 1, doorPins: [27], occupancyPins: [24]}
                """, "agent.yaml"));

        assertThat(e.problems()).singleElement().asString().startsWith("outbox.fsync: ").contains("always", "interval", "never");

        e = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0001
                mqtt:
                  url: tcp://hub:1883
                outbox:
                  maxBytes: 100000
                  fsync: interval
                hardware:
                  lockers:
                    driver: pi4j
                    banks:
                      - {id: A, compartments: 2, doorPins: [17, 27], occupancyPins: [22, 23]}
                      - {id: B, compartments: 1, doorPins: [27], occupancyPins: [24]}
                """, "agent.yaml"));
        assertThat(e.problems()).containsExactlyInAnyOrder(
                "outbox.maxBytes: must hold at least two segments (2 x outbox.segmentBytes = 2097152) (was '100000')",
                "hardware.lockers.banks[1]: GPIO pins used twice (was '[27]')");
    }

    @Test
    void a_local_health_intake_names_its_measuring_devices() throws Exception {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0001
                mqtt:
                  url: tcp://hub:1883
                hardware:
                  health: local
                """, "agent.yaml"));
        assertThat(e.problems()).singleElement().asString().startsWith("hardware.healthDevices: lists the measuring devices");

        AgentConfig config = AgentConfig.parse("""
                deviceId: kiosk-0001
                mqtt:
                  url: tcp://hub:1883
                hardware:
                  health: local
                  healthDevices:
                    - {id: bp-1, kind: blood_pressure_monitor, model: HBP-9030}
                """, "agent.yaml");
        assertThat(config.hardware().healthDevices()).singleElement()
                .satisfies(d -> assertThat(d.kind()).isEqualTo(HealthDeviceKind.BLOOD_PRESSURE_MONITOR));
    }

    @Test
    void names_an_unknown_key_and_the_known_ones() {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0001
                mqtt:
                  url: tcp://hub:1883
                  keepalive: 30
                """, "agent.yaml"));

        assertThat(e.problems()).singleElement().asString()
                .startsWith("mqtt.keepalive: unknown key")
                .contains("keepAliveSeconds");
    }

    @Test
    void rejects_a_string_where_a_number_belongs() {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0001
                mqtt:
                  url: tcp://hub:1883
                  keepAliveSeconds: thirty
                """, "agent.yaml"));

        assertThat(e.problems()).singleElement().asString().startsWith("mqtt.keepAliveSeconds: ");
    }

    @Test
    void says_when_the_file_is_missing() {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class,
                () -> AgentConfig.load(Path.of("/nonexistent/agent.yaml")));

        assertThat(e.getMessage()).contains("/nonexistent/agent.yaml").contains("file not found");
    }

    @Test
    void reads_credentials_from_a_password_file_and_never_shows_an_inline_secret(@TempDir Path dir)
            throws Exception {
        Path secretFile = dir.resolve("mqtt-secret");
        Files.writeString(secretFile, "file-secret-42\n");
        Files.writeString(dir.resolve("ca.pem"), "not checked here");
        AgentConfig fromFile = AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: ssl://hub.example:8883
                  passwordFile: %s
                  caFile: %s
                """.formatted(secretFile, dir.resolve("ca.pem")), "agent.yaml");
        assertThat(fromFile.mqtt().secret()).isEqualTo("file-secret-42");

        AgentConfig inline = AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: tcp://hub.example:1883
                  password: inline-secret-7
                """, "agent.yaml");
        assertThat(inline.mqtt().secret()).isEqualTo("inline-secret-7");
        assertThat(inline.toString()).doesNotContain("inline-secret-7").contains("password=****");
    }

    @Test
    void reports_every_credential_problem_without_the_secret(@TempDir Path dir) {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: tcp://hub.example:1883
                  password: inline-secret-7
                  passwordFile: %s
                  caFile: %s
                """.formatted(dir.resolve("missing-secret"), dir.resolve("missing-ca.pem")), "agent.yaml"));

        assertThat(e.getMessage())
                .contains("mqtt.password: give either password or passwordFile, not both")
                .contains("mqtt.passwordFile: cannot be read")
                .contains("mqtt.caFile: cannot be read")
                .doesNotContain("inline-secret-7");
    }

    @Test
    void updates_are_refused_until_a_release_key_is_pinned_and_their_limits_are_checked() throws Exception {
        AgentConfig plain = AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: tcp://hub.example:1883
                """, "agent.yaml");
        assertThat(plain.update().releaseKeyFile()).isNull();
        assertThat(plain.update().installRoot()).isEqualTo(Path.of("/var/lib/kioskops-agent/releases"));
        assertThat(plain.update().healthCheckSeconds()).isEqualTo(120);

        AgentConfigException wrong = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: tcp://hub.example:1883
                update:
                  releaseKeyFile: /etc/kioskops/release-key.pub.pem
                  healthCheckSeconds: 0
                  maxStartAttempts: 50
                """, "agent.yaml"));
        assertThat(wrong.getMessage()).contains("update.healthCheckSeconds").contains("update.maxStartAttempts");
    }

    @Test
    void a_coap_box_names_the_hub_with_coaps_and_needs_its_pre_shared_key() throws Exception {
        AgentConfigException keyless = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: coaps://hub.example:5684
                """, "agent.yaml"));
        assertThat(keyless.getMessage()).contains("mqtt.passwordFile: coaps:// needs the device's pre-shared key");

        AgentConfig config = AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: coaps://hub.example:5684
                  password: psk-of-kiosk-0042
                """, "agent.yaml");
        assertThat(config.mqtt().url()).isEqualTo("coaps://hub.example:5684");
    }

    @Test
    void a_client_certificate_needs_its_key_tls_and_no_secret(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("kiosk.pem"), "not a certificate");
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: tcp://hub.example:1883
                  password: inline-secret-7
                  certFile: %s
                  keyFile: %s
                """.formatted(dir.resolve("kiosk.pem"), dir.resolve("kiosk.key")), "agent.yaml"));
        assertThat(e.getMessage())
                .contains("mqtt.certFile: a client certificate needs TLS")
                .contains("mqtt.certFile: give a client certificate or a secret")
                .contains("mqtt.certFile: unusable")
                .doesNotContain("inline-secret-7");

        AgentConfigException lonely = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: ssl://hub.example:8883
                  certFile: %s
                """.formatted(dir.resolve("kiosk.pem")), "agent.yaml"));
        assertThat(lonely.getMessage()).contains("mqtt.keyFile: certFile and keyFile go together");
    }

    @Test
    void a_box_that_claims_its_secret_may_start_before_its_password_file_exists(@TempDir Path dir) throws Exception {
        AgentConfig config = AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: ssl://mqtt.example.city:8883
                  passwordFile: %s
                provisioning:
                  claimCode: 7KQM-2XHC-9RTW
                  hubUrl: https://hub.example.city
                """.formatted(dir.resolve("mqtt-secret")), "agent.yaml");

        assertThat(config.provisioning().claims()).isTrue();
        assertThat(config.provisioning().pollSeconds()).isEqualTo(30);

        AgentConfigException unclaimed = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: ssl://mqtt.example.city:8883
                  passwordFile: %s
                """.formatted(dir.resolve("mqtt-secret")), "agent.yaml"));
        assertThat(unclaimed.problems()).as("without a claim code the file must be there").singleElement().asString()
                .startsWith("mqtt.passwordFile: cannot be read");
    }

    @Test
    void a_claim_needs_the_hub_s_address_and_a_password_file_to_write_the_secret_to() {
        AgentConfigException e = catchThrowableOfType(AgentConfigException.class, () -> AgentConfig.parse("""
                deviceId: kiosk-0042
                mqtt:
                  url: tcp://mqtt.example.city:1883
                provisioning:
                  claimCode: 7KQM-2XHC-9RTW
                  hubUrl: mqtt.example.city
                  pollSeconds: 1
                """, "agent.yaml"));

        assertThat(e.problems()).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("provisioning.hubUrl: must be the hub's http:// or https:// address"))
                .anySatisfy(p -> assertThat(p).startsWith("provisioning.pollSeconds: must be between 5 and 3600"))
                .anySatisfy(p -> assertThat(p).startsWith("mqtt.passwordFile: is where a claimed secret is written"));
    }
}
