package org.kioskops.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process from {@code /proc/PID/status}: now (VmRSS) and at its peak (VmHWM). */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** {@code {rssKb, peakKb}}, or null when the process or /proc is not there. */
    public static long[] of(long pid) {
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kb(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kb(line);
                }
            }
            return rss < 0 ? null : new long[] {rss, peak};
        } catch (IOException e) {
            return null;
        }
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
