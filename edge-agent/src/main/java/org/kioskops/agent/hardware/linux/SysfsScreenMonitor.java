package org.kioskops.agent.hardware.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.kioskops.agent.hardware.ScreenMonitor;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.TelemetrySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Screen state from the kernel's DRM and backlight classes: a display output whose {@code status} is
 * {@code connected} and whose {@code dpms} is {@code On} with backlight power on is {@code on}; connected
 * but powered down is {@code off}; no connected output is {@code no_signal} (cable pulled, panel dead);
 * no DRM device at all is {@code unknown}, unless the Raspberry Pi firmware's {@code vcgencmd} can tell
 * ({@code display_power=1} on, {@code 0} off), as on a Pi driving its display without KMS. Brightness comes
 * from the first backlight device, in percent.
 *
 * <p>Switching: through the backlight's {@code bl_power} where the agent may write it (a udev rule giving
 * the video group write access), else through {@code vcgencmd display_power}, else not at all.
 */
public final class SysfsScreenMonitor implements ScreenMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(SysfsScreenMonitor.class);
    private final Path drm;
    private final Path backlight;
    private final Inventory.Screen description;
    private final Path vcgencmd;

    public SysfsScreenMonitor(Path root, Inventory.Screen description) {
        this(root, description, Path.of("/usr/bin/vcgencmd"));
    }

    /** @param vcgencmd the Raspberry Pi firmware's command; used only if it is there */
    public SysfsScreenMonitor(Path root, Inventory.Screen description, Path vcgencmd) {
        this.drm = root.resolve("sys/class/drm");
        this.backlight = root.resolve("sys/class/backlight");
        this.description = description;
        this.vcgencmd = vcgencmd;
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
            String power = firmware("display_power");
            ScreenState state = "display_power=1".equals(power) ? ScreenState.ON
                    : "display_power=0".equals(power) ? ScreenState.OFF : ScreenState.UNKNOWN;
            return new TelemetrySample.ScreenReading(state, brightness);
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

    @Override
    public boolean setPower(boolean on) {
        for (Path device : children(backlight)) {
            Path power = device.resolve("bl_power");
            if (Files.isWritable(power)) {
                try {
                    // 0 is FB_BLANK_UNBLANK, 4 FB_BLANK_POWERDOWN
                    Files.writeString(power, on ? "0" : "4");
                    return true;
                } catch (IOException e) {
                    LOG.warn("cannot write {}: {}", power, e.toString());
                }
            }
        }
        return firmware("display_power", on ? "1" : "0") != null;
    }

    /** The first line {@code vcgencmd} prints for these arguments, or null when it is absent or fails. */
    private String firmware(String... args) {
        if (vcgencmd == null || !Files.isExecutable(vcgencmd)) {
            return null;
        }
        List<String> command = new ArrayList<>(List.of(vcgencmd.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? out.lines().findFirst().orElse("") : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
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

    private Optional<Integer> backlightPower() {
        for (Path device : children(backlight)) {
            String power = LinuxSystemMetrics.readFirstLine(device.resolve("bl_power"));
            if (power != null) {
                try {
                    return Optional.of(Integer.parseInt(power));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static List<Path> children(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
