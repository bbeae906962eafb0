package org.kioskops.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.AcceleratedClockProfile;
import org.kioskops.protocol.time.ScaledClock;
import org.kioskops.sim.HubQueries;
import org.kioskops.sim.scenario.ScenarioException;
import org.kioskops.sim.scenario.ScenarioLoader;
import org.kioskops.sim.scenario.ScenarioRunner;

/**
 * A day of a fleet's life on a hub whose clock runs 480 times faster, with production alert settings: the
 * bundled {@code day.yaml} scenario must pass in about three minutes of real time.
 */
@QuarkusTest
@TestProfile(AcceleratedClockProfile.class)
class AcceleratedScenarioIT {
    @TestHTTPResource("/")
    URL hub;

    private String broker() {
        return ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class);
    }

    @Test
    void a_simulator_reading_the_hub_clock_agrees_with_it() throws Exception {
        var clock = new HubQueries(URI.create(hub.toString())).clock();
        Instant hubNow = Instant.parse(new HubQueries(URI.create(hub.toString())).get("/api/clock").path("now").asText());

        assertThat(ScaledClock.speedOf(clock)).isEqualTo(AcceleratedClockProfile.SPEED);
        // one HTTP round trip apart, at 480x: a few simulated minutes at most
        assertThat(Duration.between(hubNow, clock.instant()).abs()).isLessThan(Duration.ofMinutes(5));
    }

    @Test
    void a_day_of_faults_passes_in_minutes() throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8);
        long started = System.nanoTime();

        ScenarioRunner.Result result = new ScenarioRunner(ScenarioLoader.load(Path.of("..", "firmware-sim", "scenarios", "day.yaml")),
                URI.create(hub.toString()), broker(), null, out).run();

        String text = report.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        System.out.printf("day.yaml took %d s of real time%n", Duration.ofNanos(System.nanoTime() - started).toSeconds());
        assertThat(result.checks()).hasSizeGreaterThan(5);
        assertThat(result.passed()).as(text).isTrue();
    }

    @Test
    void a_scenario_at_another_speed_than_the_hub_is_refused_before_anything_starts() throws Exception {
        var oneTimesSpeed = ScenarioLoader.load(Path.of("..", "firmware-sim", "scenarios", "smoke.yaml"));

        assertThatThrownBy(() -> new ScenarioRunner(oneTimesSpeed, URI.create(hub.toString()), broker(), null, System.out).run())
                .isInstanceOf(ScenarioException.class).hasMessageContaining("runs at speed 1 but the hub").hasMessageEndingWith("kioskops.clock.speed=1");
    }
}
