package org.kioskops.sim.cli;

import org.kioskops.sim.RunCommand;
import org.kioskops.sim.SimVersion;
import org.kioskops.sim.bench.AgentBenchCommand;
import org.kioskops.sim.bench.BenchCommand;
import org.kioskops.sim.bench.DetectCommand;
import org.kioskops.sim.coap.CoapBenchCommand;
import org.kioskops.sim.scenario.ScenarioCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code kioskops-sim}, simulated kiosks for demos, CI and benchmarks: the one place that knows every
 * subcommand, so that the packages behind them need not know each other.
 */
@Command(name = "kioskops-sim", mixinStandardHelpOptions = true, versionProvider = SimMain.Version.class,
        description = "Simulated KioskOps kiosks running the real edge-agent code.",
        subcommands = {RunCommand.class, BenchCommand.class, DetectCommand.class, AgentBenchCommand.class,
                ScenarioCommand.class, RecordCommand.class, ReplayCommand.class, CoapBenchCommand.class})
public final class SimMain implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new SimMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kioskops-sim " + SimVersion.current()};
        }
    }
}
