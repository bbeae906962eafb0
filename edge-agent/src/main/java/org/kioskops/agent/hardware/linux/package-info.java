/**
 * Linux adapters of the box itself: {@link LinuxSystemMetrics} ({@code SystemMetrics} from {@code /proc} and
 * {@code /sys}), {@link SysfsScreenMonitor} ({@code ScreenMonitor} from the kernel's DRM and backlight classes,
 * falling back to the Raspberry Pi's {@code vcgencmd}) and {@link SystemdBoxControl} ({@code BoxControl} through
 * {@code systemctl}). Vitals that cannot be read are reported as null, never as zero.
 */
package org.kioskops.agent.hardware.linux;
