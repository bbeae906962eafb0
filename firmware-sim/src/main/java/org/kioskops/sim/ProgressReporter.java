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

    private final Duration total;

    /** @param total the run's planned length, for a progress bar; null when it runs until stopped */
    ProgressReporter(PrintStream out, boolean terminal, Supplier<SimulatedFleet.Snapshot> source, Duration total) {
        this.total = total;
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
        String bar = "";
        if (total != null) {
            int done = (int) Math.min(20, 20 * (now - startNanos) / Math.max(1, total.toNanos()));
            bar = "[" + "#".repeat(done) + ".".repeat(20 - done) + "] ";
        }
        String line = String.format("%s[%s] kiosks %d/%d online | messages %d created, %d acked, %d confirmed, %d queued, %d retries | %.0f msg/s | ack p50 %s p99 %s",
                bar, clock(now - startNanos), s.online(), s.kiosks(), s.created(), s.acked(), s.confirmed(), s.backlog(), s.failures(), rate,
                millis(s.ackP50Millis()), millis(s.ackP99Millis()));
        if (terminal) {
            out.print("\r" + line + "   ");
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** @param onlineAtEnd kiosks connected when the run ended, before they were stopped */
    void summary(SimulatedFleet.Snapshot s, long onlineAtEnd) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        if (terminal) {
            out.println();
        }
        out.printf("""
                Simulation summary
                  duration        %s
                  kiosks          %d (%d online when the run ended)
                  messages        %d created, %d acknowledged by the broker, %d confirmed stored by the hub, %d still queued, %d send retries
                  throughput      %.1f acknowledged msg/s
                  ack latency     p50 %s, p99 %s (publish to the broker's acknowledgement)
                  activity        %d deposits, %d collections, %d screen sessions, %d health checks
                  memory          %d MB heap used of %d MB; resident %s
                """, clock(System.nanoTime() - startNanos), s.kiosks(), onlineAtEnd, s.created(), s.acked(), s.confirmed(), s.backlog(),
                s.failures(), s.acked() / Math.max(1e-9, seconds), millis(s.ackP50Millis()), millis(s.ackP99Millis()),
                s.deposits(), s.collections(), s.sessions(), s.healthChecks(),
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / 1_048_576, Runtime.getRuntime().maxMemory() / 1_048_576,
                resident());
        out.flush();
    }

    private static String millis(double ms) {
        return Double.isNaN(ms) ? "-" : ms < 10 ? String.format("%.1f ms", ms) : String.format("%.0f ms", ms);
    }

    /** This process's resident memory and its peak, from /proc; "unknown" elsewhere. */
    private static String resident() {
        long[] kb = ProcessMemory.of(ProcessHandle.current().pid());
        return kb == null ? "unknown" : String.format("%d MB (peak %d MB)", kb[0] / 1024, kb[1] / 1024);
    }

    private static String clock(long nanos) {
        Duration d = Duration.ofNanos(nanos);
        return String.format("%02d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart());
    }
}
