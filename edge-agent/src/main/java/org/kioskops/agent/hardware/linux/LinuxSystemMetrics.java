package org.kioskops.agent.hardware.linux;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.kioskops.agent.hardware.SystemMetrics;
import org.kioskops.protocol.TelemetrySample;

/**
 * Reads vitals the way the kernel publishes them: {@code /proc/uptime}, {@code /proc/meminfo} (used =
 * total - available) and the first thermal zone under {@code /sys}; disk usage of the file system that
 * holds the agent's state. Anything unreadable is reported as null, never as zero.
 */
public final class LinuxSystemMetrics implements SystemMetrics {
    private final Path root;
    private final Path disk;
    private final Clock clock;

    /**
     * @param root  directory holding {@code proc/} and {@code sys/}; {@code /} on a real box
     * @param disk  a path on the file system whose usage is reported
     */
    public LinuxSystemMetrics(Path root, Path disk, Clock clock) {
        this.root = root;
        this.disk = disk;
        this.clock = clock;
    }

    @Override
    public TelemetrySample.SystemReading read() {
        Long memTotal = meminfoBytes("MemTotal:");
        Long memAvailable = meminfoBytes("MemAvailable:");
        Long memUsed = memTotal != null && memAvailable != null ? Math.max(0, memTotal - memAvailable) : null;
        Long diskTotal = null;
        Long diskUsed = null;
        try {
            FileStore store = Files.getFileStore(existing(disk));
            diskTotal = store.getTotalSpace();
            diskUsed = Math.max(0, store.getTotalSpace() - store.getUnallocatedSpace());
        } catch (IOException | SecurityException e) {
            // reported as unknown
        }
        String iface = defaultRouteInterface();
        Boolean up = iface == null ? null : operstateUp(iface);
        Integer signal = iface == null ? null : wifiSignalDbm(iface);
        return new TelemetrySample.SystemReading(cpuTemperature(), memUsed, memTotal, diskUsed, diskTotal, iface, up, signal);
    }

    /** The interface of the default IPv4 route ({@code /proc/net/route}, destination 00000000), or null. */
    private String defaultRouteInterface() {
        try {
            for (String line : Files.readAllLines(root.resolve("proc/net/route"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 2 && f[1].equals("00000000") && !f[0].equals("Iface")) {
                    return f[0].length() <= 32 ? f[0] : null;
                }
            }
        } catch (IOException e) {
            // no route table: unknown
        }
        return null;
    }

    private Boolean operstateUp(String iface) {
        String state = readFirstLine(root.resolve("sys/class/net").resolve(iface).resolve("operstate"));
        return state == null || state.equals("unknown") ? null : state.equals("up");
    }

    /** The signal level of a wireless interface from {@code /proc/net/wireless}, in dBm; null when not wireless. */
    private Integer wifiSignalDbm(String iface) {
        try {
            for (String line : Files.readAllLines(root.resolve("proc/net/wireless"))) {
                String trimmed = line.trim();
                if (trimmed.startsWith(iface + ":")) {
                    String[] f = trimmed.substring(iface.length() + 1).trim().split("\\s+");
                    // status, link quality, level (dBm, written "-40."), noise
                    int level = (int) Math.round(Double.parseDouble(f[2].endsWith(".") ? f[2].substring(0, f[2].length() - 1) : f[2]));
                    return level >= -120 && level <= 0 ? level : null;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not wireless, or unreadable
        }
        return null;
    }

    private static Path existing(Path path) {
        Path p = path.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? Path.of("/") : p;
    }

    @Override
    public long uptimeSeconds() {
        String text = readFirstLine(root.resolve("proc/uptime"));
        if (text == null) {
            return 0;
        }
        try {
            return (long) Double.parseDouble(text.split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    @Override
    public Optional<Instant> bootedAt() {
        long uptime = uptimeSeconds();
        return uptime > 0 ? Optional.of(clock.instant().minusSeconds(uptime)) : Optional.empty();
    }

    private Double cpuTemperature() {
        String millidegrees = readFirstLine(root.resolve("sys/class/thermal/thermal_zone0/temp"));
        if (millidegrees == null) {
            return null;
        }
        try {
            return Long.parseLong(millidegrees.trim()) / 1000.0;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Long meminfoBytes(String key) {
        try {
            for (String line : Files.readAllLines(root.resolve("proc/meminfo"))) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // unknown
        }
        return null;
    }

    static String readFirstLine(Path file) {
        try {
            String text = Files.readString(file);
            int newline = text.indexOf('\n');
            return (newline < 0 ? text : text.substring(0, newline)).trim();
        } catch (IOException e) {
            return null;
        }
    }
}
