package org.kioskops.sim.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.kioskops.sim.DurationConverter;
import org.kioskops.sim.traffic.mqtt.PahoRecorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code kioskops-sim record}: every kiosk message on a broker into a JSON-lines file, until Ctrl-C or for a duration. */
@Command(name = "record", mixinStandardHelpOptions = true, description = "Record kiosk traffic from a broker to a JSON-lines file.")
public final class RecordCommand implements Callable<Integer> {
    @Option(names = "--broker", required = true, description = "MQTT broker URL")
    String broker;

    @Option(names = "--out", required = true, description = "The file to write (JSON lines)")
    Path out;

    @Option(names = "--topic", defaultValue = "kioskops/v1/#", description = "Topic filter (default ${DEFAULT-VALUE})")
    String filter;

    @Option(names = "--username", description = "User name on the broker (an operator's account that may read every kiosk's topics)")
    String username;

    @Option(names = "--password-file", description = "File holding that account's password")
    Path passwordFile;

    @Option(names = "--duration", converter = DurationConverter.class, description = "Stop after this long; until Ctrl-C when absent")
    Duration duration;

    @Override
    public Integer call() throws Exception {
        AtomicLong count = new AtomicLong();
        CountDownLatch stop = new CountDownLatch(1);
        String password = passwordFile == null ? null : Files.readString(passwordFile).trim();
        try (BufferedWriter writer = Files.newBufferedWriter(out)) {
            PahoRecorder recorder = PahoRecorder.start(broker, username, password, filter, r -> {
                synchronized (writer) {
                    try {
                        writer.write(r.toJson());
                        writer.newLine();
                        count.incrementAndGet();
                    } catch (IOException e) {
                        System.err.println("kioskops-sim: cannot write " + out + ": " + e.getMessage());
                        stop.countDown();
                    }
                }
            });
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.out.printf("Recording %s from %s into %s%s%n", filter, broker, out, duration == null ? " until Ctrl-C" : " for " + duration);
            long start = System.nanoTime();
            long end = duration == null ? Long.MAX_VALUE : start + duration.toNanos();
            while (!stop.await(Math.min(5000, Math.max(1, (end - System.nanoTime()) / 1_000_000)), TimeUnit.MILLISECONDS)
                    && System.nanoTime() < end) {
                synchronized (writer) {
                    writer.flush();
                }
                System.out.printf("[%ds] %d messages recorded%n", (System.nanoTime() - start) / 1_000_000_000L, count.get());
            }
            recorder.close();
            System.out.printf("Recorded %d messages in %.1f s into %s%n", count.get(), (System.nanoTime() - start) / 1e9, out);
        }
        return 0;
    }
}
