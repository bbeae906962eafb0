package org.kioskops.sim.scenario;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kioskops-sim scenario FILE}: runs a scenario file against a hub and its broker. Exit code 0 when
 * every expectation holds, 1 when one does not (or the run could not complete), 2 for a scenario file that
 * cannot be run (the message names the line).
 */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = "Run a scenario file (fleet, faults, expectations) against a hub; exit 0 when every expectation holds.")
public final class ScenarioCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The scenario file (YAML), e.g. firmware-sim/scenarios/smoke.yaml")
    Path file;

    @Option(names = "--broker", required = true, description = "MQTT broker URL the kiosks use")
    String broker;

    @Option(names = "--hub", required = true, description = "Hub base URL")
    URI hub;

    @Option(names = "--ca-file", description = "PEM CA file for an ssl:// broker")
    Path caFile;

    @Option(names = "--check", description = "Only read and check the file")
    boolean checkOnly;

    @Override
    public Integer call() {
        Scenario scenario;
        try {
            scenario = ScenarioLoader.load(file);
        } catch (ScenarioException e) {
            System.err.println("kioskops-sim: " + e.getMessage());
            return 2;
        }
        if (checkOnly) {
            System.out.printf("%s: ok (%d kiosks, %d faults, %d expectations)%n", file, scenario.kiosks(), scenario.faults().size(),
                    scenario.expectations().size());
            return 0;
        }
        try {
            return new ScenarioRunner(scenario, hub, broker, caFile, System.out).run().passed() ? 0 : 1;
        } catch (ScenarioException e) {
            System.err.println("kioskops-sim: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println("kioskops-sim: scenario " + scenario.name() + " could not complete: " + e.getMessage());
            return 1;
        }
    }
}
