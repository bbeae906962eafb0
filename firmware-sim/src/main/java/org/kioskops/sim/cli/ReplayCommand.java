package org.kioskops.sim.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.kioskops.sim.traffic.TrafficReplay;
import org.kioskops.sim.traffic.mqtt.PahoReplayer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kioskops-sim replay FILE}: recorded traffic against a broker (and hub), paced as recorded or faster. */
@Command(name = "replay", mixinStandardHelpOptions = true, description = "Replay a recorded JSON-lines traffic file against a broker.")
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "The recorded file")
    Path file;

    @Option(names = "--broker", required = true, description = "MQTT broker URL")
    String broker;

    @Option(names = "--hub", description = "Hub base URL: register the replayed devices there first and publish as each of them")
    URI hub;

    @Option(names = "--id-prefix", defaultValue = "replay-", description = "Put before every device id (default ${DEFAULT-VALUE}); '' keeps them")
    String idPrefix;

    @Option(names = "--speed", defaultValue = "1", description = "1 replays with the recorded pacing, 10 ten times faster (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--keep-timestamps", description = "Keep the recorded timestamps instead of moving them to now")
    boolean keepTimestamps;

    @Override
    public Integer call() {
        if (speed <= 0) {
            System.err.println("kioskops-sim: --speed must be more than 0");
            return 2;
        }
        try {
            TrafficReplay.Summary s = new TrafficReplay(file, secrets -> new PahoReplayer(broker, secrets), hub, idPrefix, speed, keepTimestamps, System.out).run();
            return s.failed() == 0 ? 0 : 1;
        } catch (Exception e) {
            System.err.println("kioskops-sim: " + e.getMessage());
            return 2;
        }
    }
}
