package org.kioskops.agent.hardware.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.kioskops.agent.hardware.BoxControl;

/**
 * Reboot and agent restart through systemd. The agent's user needs the right to run both (a polkit rule or a
 * sudoers entry, see docs/agent.md); without it the command fails with systemctl's message.
 */
public final class SystemdBoxControl implements BoxControl {
    private final String unit;

    /** @param unit the agent's systemd unit, such as {@code kioskops-agent.service} */
    public SystemdBoxControl(String unit) {
        this.unit = unit;
    }

    @Override
    public void reboot() throws IOException, InterruptedException {
        run(List.of("systemctl", "reboot"));
    }

    @Override
    public void restartAgent() throws IOException, InterruptedException {
        run(List.of("systemctl", "restart", "--no-block", unit));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 10 s");
        }
        if (process.exitValue() != 0) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException(String.join(" ", command) + " failed (exit " + process.exitValue() + "): " + output);
        }
    }
}
