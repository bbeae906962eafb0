package org.kioskops.agent.update;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Installs peripheral firmware by running the vendor's flashing tool, as configured
 * ({@code update.firmwareCommand}, with {@code {file}} and {@code {version}} in its arguments). Exit code 0 means
 * flashed; the agent then checks that the hardware answers. Firmware has no side-by-side copy to fall back to,
 * so a failure is reported, not rolled back.
 */
public final class FirmwareFlasher implements Installer {
    private static final long TIMEOUT_MINUTES = 10;

    private final List<String> command;

    public FirmwareFlasher(List<String> command) {
        this.command = List.copyOf(command);
    }

    @Override
    public boolean supports(String releaseKind) {
        return "firmware".equals(releaseKind);
    }

    @Override
    public boolean restartsAgent(String releaseKind) {
        return false;
    }

    @Override
    public void install(Path release, String releaseKind, String version) throws IOException {
        List<String> argv = new ArrayList<>();
        for (String arg : command) {
            argv.add(arg.replace("{file}", release.toAbsolutePath().toString()).replace("{version}", version));
        }
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        try {
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IOException(argv.get(0) + " did not finish within " + TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while flashing", e);
        }
        if (process.exitValue() != 0) {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            throw new IOException(argv.get(0) + " failed (exit " + process.exitValue() + "): "
                    + (output.length() > 300 ? output.substring(output.length() - 300) : output));
        }
    }

    @Override
    public void activate(String version) {
        // flashing is the activation
    }

    @Override
    public Optional<String> activeVersion() {
        return Optional.empty();
    }
}
