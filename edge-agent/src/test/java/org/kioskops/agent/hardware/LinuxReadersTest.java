package org.kioskops.agent.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.agent.hardware.linux.LinuxSystemMetrics;
import org.kioskops.agent.hardware.linux.SysfsScreenMonitor;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.TelemetrySample;

/** The /proc and /sys readers against file trees laid out as the kernel lays them out. */
class LinuxReadersTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private void write(String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    @Test
    void reads_uptime_memory_and_cpu_temperature() throws IOException {
        write("proc/uptime", "3600.52 7000.10\n");
        write("proc/meminfo", "MemTotal:        4000000 kB\nMemFree:          100000 kB\nMemAvailable:    3000000 kB\n");
        write("sys/class/thermal/thermal_zone0/temp", "51540\n");
        LinuxSystemMetrics metrics = new LinuxSystemMetrics(root, root, CLOCK);

        TelemetrySample.SystemReading reading = metrics.read();

        assertThat(metrics.uptimeSeconds()).isEqualTo(3600);
        assertThat(metrics.bootedAt()).contains(Instant.parse("2026-11-28T09:00:00Z"));
        assertThat(reading.memTotalBytes()).isEqualTo(4_000_000L * 1024);
        assertThat(reading.memUsedBytes()).isEqualTo(1_000_000L * 1024);
        assertThat(reading.cpuTempC()).isEqualTo(51.54);
        assertThat(reading.diskTotalBytes()).isPositive();
    }

    @Test
    void reads_the_default_route_interface_its_state_and_wifi_signal() throws IOException {
        write("proc/net/route", """
                Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
                wlan0\t0000A8C0\t00000000\t0001\t0\t0\t303\t00FFFFFF\t0\t0\t0
                wlan0\t00000000\t0100A8C0\t0003\t0\t0\t303\t00000000\t0\t0\t0
                """);
        write("sys/class/net/wlan0/operstate", "up\n");
        write("proc/net/wireless", """
                Inter-| sta-|   Quality        |   Discarded packets               | Missed | WE
                 face | tus | link level noise |  nwid  crypt   frag  retry   misc | beacon | 22
                 wlan0: 0000   52.  -58.  -256        0      0      0      0     12        0
                """);

        TelemetrySample.SystemReading reading = new LinuxSystemMetrics(root, root, CLOCK).read();

        assertThat(reading.netInterface()).isEqualTo("wlan0");
        assertThat(reading.netUp()).isTrue();
        assertThat(reading.wifiSignalDbm()).isEqualTo(-58);
    }

    @Test
    void a_wired_interface_that_is_down_has_no_wifi_signal() throws IOException {
        write("proc/net/route", "Iface\tDestination\tGateway\neth0\t00000000\t0100A8C0\n");
        write("sys/class/net/eth0/operstate", "down\n");

        TelemetrySample.SystemReading reading = new LinuxSystemMetrics(root, root, CLOCK).read();

        assertThat(reading.netInterface()).isEqualTo("eth0");
        assertThat(reading.netUp()).isFalse();
        assertThat(reading.wifiSignalDbm()).isNull();
    }

    @Test
    void reports_unknown_rather_than_zero_when_a_source_is_missing() {
        LinuxSystemMetrics metrics = new LinuxSystemMetrics(root, root, CLOCK);

        TelemetrySample.SystemReading reading = metrics.read();

        assertThat(reading.cpuTempC()).isNull();
        assertThat(reading.memTotalBytes()).isNull();
        assertThat(reading.netInterface()).isNull();
        assertThat(metrics.bootedAt()).isEmpty();
    }

    @Test
    void screen_is_on_when_a_connector_is_connected_and_powered() throws IOException {
        write("sys/class/drm/card0-HDMI-A-1/status", "connected\n");
        write("sys/class/drm/card0-HDMI-A-1/dpms", "On\n");
        write("sys/class/backlight/rpi_backlight/bl_power", "0\n");
        write("sys/class/backlight/rpi_backlight/brightness", "128\n");
        write("sys/class/backlight/rpi_backlight/max_brightness", "255\n");

        TelemetrySample.ScreenReading reading = new SysfsScreenMonitor(root, new Inventory.Screen(null, null)).read();

        assertThat(reading).isEqualTo(new TelemetrySample.ScreenReading(ScreenState.ON, 50));
    }

    @Test
    void screen_is_off_when_the_backlight_is_powered_down() throws IOException {
        write("sys/class/drm/card0-HDMI-A-1/status", "connected\n");
        write("sys/class/drm/card0-HDMI-A-1/dpms", "On\n");
        write("sys/class/backlight/rpi_backlight/bl_power", "4\n");

        assertThat(new SysfsScreenMonitor(root, null).read().state()).isEqualTo(ScreenState.OFF);
    }

    @Test
    void screen_has_no_signal_when_no_connector_is_connected() throws IOException {
        write("sys/class/drm/card0-HDMI-A-1/status", "disconnected\n");
        write("sys/class/drm/card0-HDMI-A-2/status", "disconnected\n");

        assertThat(new SysfsScreenMonitor(root, null).read().state()).isEqualTo(ScreenState.NO_SIGNAL);
    }

    @Test
    void screen_is_unknown_without_any_display_device() {
        assertThat(new SysfsScreenMonitor(root, null, null).read().state()).isEqualTo(ScreenState.UNKNOWN);
    }

    /** A stand-in for the Pi firmware's vcgencmd: prints what display_power says and logs its arguments. */
    private Path vcgencmd(String displayPower) throws IOException {
        Path script = root.resolve("bin/vcgencmd");
        write("bin/vcgencmd", "#!/bin/sh\necho \"$@\" >> " + root.resolve("vcgencmd.log") + "\necho display_power=" + displayPower + "\n");
        script.toFile().setExecutable(true);
        return script;
    }

    @Test
    void without_drm_a_raspberry_pi_screen_is_read_from_the_firmware() throws IOException {
        assertThat(new SysfsScreenMonitor(root, null, vcgencmd("0")).read().state()).isEqualTo(ScreenState.OFF);
        assertThat(new SysfsScreenMonitor(root, null, vcgencmd("1")).read().state()).isEqualTo(ScreenState.ON);
    }

    @Test
    void switches_the_screen_through_a_writable_backlight_else_the_firmware_else_not_at_all() throws IOException {
        write("sys/class/backlight/rpi_backlight/bl_power", "0\n");
        assertThat(new SysfsScreenMonitor(root, null, null).setPower(false)).isTrue();
        assertThat(Files.readString(root.resolve("sys/class/backlight/rpi_backlight/bl_power"))).isEqualTo("4");

        // a panel without a backlight device the agent may write (tests may run as root, who may write anything)
        Files.delete(root.resolve("sys/class/backlight/rpi_backlight/bl_power"));
        assertThat(new SysfsScreenMonitor(root, null, vcgencmd("1")).setPower(true)).isTrue();
        assertThat(Files.readString(root.resolve("vcgencmd.log"))).isEqualTo("display_power 1\n");

        assertThat(new SysfsScreenMonitor(root, null, null).setPower(true)).isFalse();
    }
}
