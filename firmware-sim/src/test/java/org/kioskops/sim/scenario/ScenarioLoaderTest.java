package org.kioskops.sim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ScenarioLoaderTest {
    private static final String FLEET = """
            fleet:
              districts:
                - name: D
                  streets:
                    - name: S
                      communities:
                        - {name: C, sites: 2, kiosksPerSite: 2, lockers: [12]}
            """;

    private static String problem(String yaml) {
        return catchThrowableOfType(ScenarioException.class, () -> ScenarioLoader.parse(yaml, "bad.yaml")).getMessage();
    }

    @Test
    void every_bundled_scenario_is_valid() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of("scenarios"))) {
            files = s.filter(f -> f.toString().endsWith(".yaml")).toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            Scenario scenario = ScenarioLoader.load(f);
            assertThat(scenario.expectations()).as(f.toString()).isNotEmpty();
        }
    }

    @Test
    void reads_fleet_faults_and_expectations() throws Exception {
        Scenario s = ScenarioLoader.parse("name: demo\nduration: 2m\n" + FLEET + """
                faults:
                  - {at: 10s, fault: door_jam, kiosk: 3, compartment: 4, for: 30s}
                  - {at: 20s, fault: power_loss, kiosks: all}
                  - {at: 30s, fault: clock_skew, kiosks: [1, 2], skew: -5m}
                expect:
                  - {alert: jammed, kiosk: 3, count: 1, within: 15s}
                  - {noSequenceGaps: true}
                """, "demo.yaml");

        assertThat(s.kiosks()).isEqualTo(4);
        assertThat(s.faults().get(0)).satisfies(f -> {
            assertThat(f.kind()).isEqualTo(Scenario.FaultKind.DOOR_JAM);
            assertThat(f.bank()).isEqualTo("A");
            assertThat(f.compartment()).isEqualTo(4);
            assertThat(f.lasts()).isEqualTo(Duration.ofSeconds(30));
            assertThat(f.line()).isEqualTo(11);
        });
        assertThat(s.faults().get(1).kiosks()).containsExactly(1, 2, 3, 4);
        assertThat(s.faults().get(2).skew()).isEqualTo(Duration.ofMinutes(-5));
        assertThat(s.expectations().get(0).describe()).isEqualTo("exactly 1 'jammed' alert for kiosk 3, the first within 15 s");
    }

    @Test
    void points_at_the_line_of_what_is_wrong() {
        assertThat(problem("name: demo\nduration: 2m\n" + FLEET + "faults:\n  - {at: 10s, fault: meteor, kiosk: 1}\n"))
                .startsWith("bad.yaml:11:").contains("faults[0].fault: unknown fault 'meteor'; one of power_loss, network_loss, broker_unreachable, hung_agent");
        assertThat(problem("name: demo\nduration: 2m\n" + FLEET + "faults:\n  - {at: 10s, fault: power_loss, kiosk: 9}\n"))
                .startsWith("bad.yaml:11:").contains("faults[0].kiosk: must be between 1 and 4, was 9");
        assertThat(problem("name: demo\nduration: 2m\n" + FLEET + "expect:\n  - {alert: jammed, kiosk: 1, within: soon}\n"))
                .startsWith("bad.yaml:11:").contains("expected a duration such as 500ms, 30s");
        assertThat(problem("name: demo\nduration: 2m\nfleat: {}\n")).startsWith("bad.yaml:3:1: fleat: unknown key; known here: ");
        assertThat(problem("name: demo\nduration: 2m\n" + FLEET + "faults:\n  - {at: 5m, fault: power_loss, kiosk: 1}\n"))
                .contains("faults[0].at: after the end of the scenario (120 s)");
        assertThat(problem("name: demo\n  duration: 2m\n")).startsWith("bad.yaml:2:").contains("not valid YAML");
        assertThat(problem("")).isEqualTo("bad.yaml: the file is empty");
        assertThat(problem("name: demo\nduration: 2m\n" + FLEET + "expect:\n  - {kiosk: 1}\n"))
                .contains("an expectation needs one of: alert, connection, noSequenceGaps");
    }

    @Test
    void an_accelerated_scenario_keeps_times_on_the_hub_clock_and_defaults_to_one_real_second() throws Exception {
        Scenario s = ScenarioLoader.parse("name: day\nspeed: 480\nduration: 24h\n" + FLEET + "expect:\n  - {noSequenceGaps: true}\n", "day.yaml");

        assertThat(s.speed()).isEqualTo(480);
        assertThat(s.duration()).isEqualTo(Duration.ofHours(24));
        assertThat(s.telemetryInterval()).isEqualTo(Duration.ofSeconds(480));
        assertThat(s.keepAliveSeconds()).isEqualTo(480);
    }

    @Test
    void an_interval_shorter_than_a_real_second_at_the_scenario_speed_is_refused() {
        assertThat(problem("name: day\nspeed: 480\nduration: 24h\ntelemetryInterval: 1m\n" + FLEET))
                .startsWith("bad.yaml:4:").contains("telemetryInterval: at least 480s (one real second)");
        assertThat(problem("name: day\nspeed: 480\nduration: 24h\nkeepAlive: 5m\n" + FLEET))
                .startsWith("bad.yaml:4:").contains("keepAlive: between 480s and 1h");
        assertThat(problem("name: day\nspeed: 0.5\nduration: 24h\n" + FLEET)).startsWith("bad.yaml:2:").contains("speed: must be between 1.0");
    }
}
