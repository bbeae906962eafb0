package org.kioskops.sim;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Prints one progress line per interval and a summary at the end. On a terminal the line is redrawn in
 * place; in a log (CI) each update is a line of its own.
 */
final class ProgressReporter {
    private final PrintStream out;
    private final boolean terminal;
    private final Supplier<SimulatedFleet.Snapshot> source;
    private final long startNanos = System.nanoTime();
    private long lastAcked;
    private long lastNanos = startNanos;

    ProgressReporter(PrintStream out, boolean terminal, Supplier<SimulatedFleet.Snapshot> source) {
        this.out = out;
        this.terminal = terminal;
        this.source = source;
    }

    void report() {
        SimulatedFleet.Snapshot s = source.get();
        long now = System.nanoTime();
        double rate = (s.acked() - lastAcked) / Math.max(1e-9, (now - lastNanos) / 1e9);
        lastAcked = s.acked();
        lastNanos = now;
        String line = String.format("[%s] kiosks %d/%d online | messages %d created, %d acked, %d queued | %.0f msg/s",
                clock(now - startNanos), s.online(), s.kiosks(), s.created(), s.acked(), s.backlog(), rate);
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    void summary(SimulatedFleet.Snapshot s) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (terminal) {
            out.println();
        }
        out.printf("""
                Simulation summary
                  duration        %s
                  kiosks          %d (%d online at the end)
                  messages        %d created, %d acknowledged, %d still queued, %d send retries
                  throughput      %.1f acknowledged msg/s
                  activity        %d deposits, %d collections, %d screen sessions, %d health checks
                """, clock(System.nanoTime() - startNanos), s.kiosks(), s.online(), s.created(), s.acked(), s.backlog(),
                s.failures(), s.acked() / Math.max(1e-9, seconds), s.deposits(), s.collections(), s.sessions(),
                s.healthChecks());
        out.flush();
    }

    private static String clock(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
