package org.kioskops.hub;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.support.FastAlertsProfile;
import org.kioskops.sim.scenario.ScenarioLoader;
import org.kioskops.sim.scenario.ScenarioRunner;

/**
 * The bundled scenario files, run by the simulator's scenario runner against this hub, as {@code kioskops-sim scenario}
 * would: every expectation in each file must hold. They run side by side, as several operators' scenarios would on
 * one hub: each registers its fleet under a namespace of its own and cuts only its own kiosks' networks.
 */
@QuarkusTest
@TestProfile(FastAlertsProfile.class)
class ScenarioIT {
    private static final List<String> FILES = List.of("smoke.yaml", "restarts.yaml", "outage.yaml");

    @TestHTTPResource("/")
    URL hub;

    /** What one scenario run printed and whether its expectations held. */
    private record Run(ScenarioRunner.Result result, String report) {
    }

    @Test
    void the_bundled_scenarios_pass_side_by_side_on_one_hub() throws Exception {
        String broker = ConfigProvider.getConfig().getValue("kioskops.mqtt.url", String.class);
        ExecutorService pool = Executors.newFixedThreadPool(FILES.size());
        Map<String, Future<Run>> runs = new LinkedHashMap<>();
        try {
            for (String file : FILES) {
                runs.put(file, pool.submit(() -> {
                    ByteArrayOutputStream report = new ByteArrayOutputStream();
                    PrintStream out = new PrintStream(report, true, StandardCharsets.UTF_8);
                    ScenarioRunner.Result result = new ScenarioRunner(ScenarioLoader.load(Path.of("..", "firmware-sim", "scenarios", file)),
                            URI.create(hub.toString()), broker, null, out).run();
                    return new Run(result, report.toString(StandardCharsets.UTF_8));
                }));
            }
            SoftAssertions scenarios = new SoftAssertions();
            for (Map.Entry<String, Future<Run>> e : runs.entrySet()) {
                Run run = e.getValue().get(10, TimeUnit.MINUTES);
                System.out.println(run.report());
                scenarios.assertThat(run.result().checks()).as(e.getKey() + " checks something").isNotEmpty();
                scenarios.assertThat(run.result().passed()).as(e.getKey() + ":\n" + run.report()).isTrue();
            }
            scenarios.assertAll();
        } finally {
            pool.shutdownNow();
        }
    }
}
