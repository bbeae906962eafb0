package org.kioskops.sim;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code kioskops-sim}: simulated kiosks for demos, CI and benchmarks. */
/** Entry point of the {@code kioskops-sim} command line; {@code run} is its subcommand. */
@Command(name = "kioskops-sim", mixinStandardHelpOptions = true, versionProvider = SimMain.Version.class,
        description = "Simulated KioskOps kiosks running the real edge-agent code.",
        subcommands = {RunCommand.class, org.kioskops.sim.bench.BenchCommand.class, org.kioskops.sim.bench.DetectCommand.class,
                org.kioskops.sim.bench.AgentBenchCommand.class, org.kioskops.sim.scenario.ScenarioCommand.class,
                org.kioskops.sim.traffic.RecordCommand.class, org.kioskops.sim.traffic.ReplayCommand.class,
                org.kioskops.sim.coap.CoapBenchCommand.class})
public final class SimMain implements Runnable {
    public static void main(String[] args) {
        System.exit(new CommandLine(new SimMain()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The simulator's version from the jar manifest, or {@code dev}. */
    static String version() {
        String version = SimMain.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"kioskops-sim " + version()};
        }
    }
}
