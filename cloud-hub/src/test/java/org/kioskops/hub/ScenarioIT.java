package org.kioskops.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kioskops.hub.support.FastAlertsProfile;
import org.kioskops.sim.scenario.ScenarioLoader;
import org.kioskops.sim.scenario.ScenarioRunner;

/**
 * The bundled scenario files, run by the simulator's scenario runner against this hub, as
 * {@code kioskops-sim scenario} would: every expectation in each file must hold.
 */
@QuarkusTest
@TestProfile(FastAlertsProfile.class)
class ScenarioIT {
    @TestHTTPResource("/")
    URL hub;

    @ParameterizedTest
    @ValueSource(strings = {"smoke.yaml", "restarts.yaml", "outage.yaml"})
    void the_bundled_scenario_passes(String file) throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8);
        String broker = ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class);

        ScenarioRunner.Result result = new ScenarioRunner(ScenarioLoader.load(Path.of("..", "firmware-sim", "scenarios", file)),
                URI.create(hub.toString()), broker, null, out).run();

        System.out.println(report.toString(StandardCharsets.UTF_8));
        assertThat(result.checks()).isNotEmpty();
        assertThat(result.passed()).as(report.toString(StandardCharsets.UTF_8)).isTrue();
    }
}
