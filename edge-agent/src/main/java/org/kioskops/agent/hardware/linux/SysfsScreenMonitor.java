package org.kioskops.agent.hardware.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.kioskops.agent.hardware.ScreenMonitor;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.TelemetrySample;

/**
 * Screen state from the kernel's DRM and backlight classes: a display output whose {@code status} is
 * {@code connected} and whose {@code dpms} is {@code On} with backlight power on is {@code on}; connected
 * but powered down is {@code off}; no connected output is {@code no_signal} (cable pulled, panel dead);
 * no DRM device at all is {@code unknown}. Brightness comes from the first backlight device, in percent.
 */
public final class SysfsScreenMonitor implements ScreenMonitor {
    private final Path drm;
    private final Path backlight;
    private final Inventory.Screen description;

    public SysfsScreenMonitor(Path root, Inventory.Screen description) {
        this.drm = root.resolve("sys/class/drm");
        this.backlight = root.resolve("sys/class/backlight");
        this.description = description;
    }

    @Override
    public Inventory.Screen describe() {
        return description;
    }

    @Override
    public TelemetrySample.ScreenReading read() {
        List<Path> connectors = children(drm).stream()
                .filter(p -> Files.isRegularFile(p.resolve("status")))
                .toList();
        Integer brightness = brightness();
        if (connectors.isEmpty()) {
            return new TelemetrySample.ScreenReading(ScreenState.UNKNOWN, brightness);
        }
        List<Path> connected = connectors.stream()
                .filter(p -> "connected".equals(LinuxSystemMetrics.readFirstLine(p.resolve("status"))))
                .toList();
        if (connected.isEmpty()) {
            return new TelemetrySample.ScreenReading(ScreenState.NO_SIGNAL, brightness);
        }
        boolean panelOn = connected.stream().anyMatch(p -> !"Off".equalsIgnoreCase(LinuxSystemMetrics.readFirstLine(p.resolve("dpms"))));
        boolean backlightOn = backlightPower().map(power -> power == 0).orElse(true);
        return new TelemetrySample.ScreenReading(panelOn && backlightOn ? ScreenState.ON : ScreenState.OFF, brightness);
    }

    private Integer brightness() {
        for (Path device : children(backlight)) {
            String current = LinuxSystemMetrics.readFirstLine(device.resolve("brightness"));
            String max = LinuxSystemMetrics.readFirstLine(device.resolve("max_brightness"));
            try {
                if (current != null && max != null && Long.parseLong(max) > 0) {
                    return (int) Math.round(100.0 * Long.parseLong(current) / Long.parseLong(max));
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private java.util.Optional<Integer> backlightPower() {
        for (Path device : children(backlight)) {
            String power = LinuxSystemMetrics.readFirstLine(device.resolve("bl_power"));
            if (power != null) {
                try {
                    return java.util.Optional.of(Integer.parseInt(power));
                } catch (NumberFormatException e) {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.empty();
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
