package org.kioskops.agent.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.kioskops.agent.hardware.BoxControl;
import org.kioskops.agent.hardware.Hardware;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.agent.hardware.ScreenMonitor;
import org.kioskops.protocol.Command;
import org.kioskops.protocol.CommandResult;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the hub's commands, one at a time in arrival order. A command is answered {@code delivered} as soon as
 * it is here, then {@code succeeded} or {@code failed}; one that arrives after its expiry is answered
 * {@code expired} and not run. A command delivered twice (a redelivery after a lost acknowledgement) runs
 * once; its last answer is repeated.
 */
public final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REMEMBERED = 1000;
    private static final Duration GOING_DOWN_DELAY = Duration.ofSeconds(3);

    private final String deviceId;
    private final Hardware hardware;
    private final Clock clock;
    private final Executor worker;
    private final Supplier<Map<String, String>> diagnostics;
    private final Reporter reporter;
    private final Uploader uploader;
    private final Supplier<Map<String, byte[]>> bundleFiles;
    private final ProtocolCodec codec = new ProtocolCodec();
    private final Map<Long, Answer> answered = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Answer> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** Sends an answer to the hub, with the command's correlation data. */
    @FunctionalInterface
    public interface Reporter {
        void report(long commandId, CommandResult.State state, String detail, Map<String, String> data, byte[] correlation);
    }

    private record Answer(CommandResult.State state, String detail, Map<String, String> data) {
    }

    /**
     * @param worker      runs the commands, one at a time
     * @param diagnostics what {@code diagnostics} answers with
     * @param bundleFiles further files of the diagnostics bundle, by name
     */
    public CommandRunner(String deviceId, Hardware hardware, Clock clock, Executor worker, Supplier<Map<String, String>> diagnostics,
                         Supplier<Map<String, byte[]>> bundleFiles, Uploader uploader, Reporter reporter) {
        this.bundleFiles = bundleFiles;
        this.uploader = uploader;
        this.deviceId = deviceId;
        this.hardware = hardware;
        this.clock = clock;
        this.worker = worker;
        this.diagnostics = diagnostics;
        this.reporter = reporter;
    }

    /** A command arrived; {@code correlation} is its MQTT 5 correlation data, if any. */
    public synchronized void receive(byte[] payload, byte[] correlation) {
        Command command;
        try {
            command = codec.decodeCommand(deviceId, payload);
        } catch (ProtocolException e) {
            Long id = commandIdOf(payload);
            LOG.warn("{} cannot read a command{}: {}", deviceId, id == null ? "" : " (" + id + ")", e.getMessage());
            if (id != null) {
                answer(id, new Answer(CommandResult.State.FAILED, "unreadable command: "
                        + (e.field() == null ? "" : e.field() + ": ") + e.getMessage(), Map.of()), correlation);
            }
            return;
        }
        Answer previous = answered.get(command.commandId());
        if (previous != null) {
            if (previous.state().isFinal()) {
                reporter.report(command.commandId(), previous.state(), previous.detail(), previous.data(), correlation);
            }
            return;
        }
        Instant now = clock.instant();
        if (now.isAfter(command.expiresAt())) {
            LOG.info("{} did not run command {} ({}): it expired at {}", deviceId, command.commandId(), command.name().wire(),
                    command.expiresAt());
            answer(command.commandId(), new Answer(CommandResult.State.EXPIRED, "arrived at " + now + ", expired at "
                    + command.expiresAt() + "; not run", Map.of()), correlation);
            return;
        }
        answer(command.commandId(), new Answer(CommandResult.State.DELIVERED, null, Map.of()), correlation);
        worker.execute(() -> {
            Answer result = run(command);
            synchronized (this) {
                answer(command.commandId(), result, correlation);
            }
        });
    }

    private void answer(long id, Answer answer, byte[] correlation) {
        answered.put(id, answer);
        reporter.report(id, answer.state(), answer.detail(), answer.data(), correlation);
    }

    private Answer run(Command command) {
        LOG.info("{} runs command {}: {}{}", deviceId, command.commandId(), command.name().wire(),
                command.reason() == null ? "" : " (" + command.reason() + ")");
        try {
            return switch (command.name()) {
                case REBOOT -> control(c -> c.reboot(), "rebooting in " + GOING_DOWN_DELAY.toSeconds() + " s");
                case RESTART_AGENT -> control(c -> c.restartAgent(), "restarting the agent in " + GOING_DOWN_DELAY.toSeconds() + " s");
                case SCREEN_ON -> screen(true);
                case SCREEN_OFF -> screen(false);
                case UNLOCK -> unlock(command.bank(), command.compartment());
                case DIAGNOSTICS -> diagnostics(command.uploadUrl());
                case SCREENSHOT -> screenshot(command.uploadUrl());
            };
        } catch (Exception e) {
            LOG.warn("{} command {} ({}) failed: {}", deviceId, command.commandId(), command.name().wire(), e.toString());
            return failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @FunctionalInterface
    private interface ControlAction {
        void run(BoxControl control) throws Exception;
    }

    /** Answers first and acts a little later, so that the answer leaves before the box or the agent goes down. */
    private Answer control(ControlAction action, String detail) {
        Optional<BoxControl> control = hardware.control();
        if (control.isEmpty()) {
            return failed("this box cannot be rebooted or restarted remotely");
        }
        CompletableFuture.delayedExecutor(GOING_DOWN_DELAY.toMillis(), TimeUnit.MILLISECONDS, worker)
                .execute(() -> {
                    try {
                        action.run(control.get());
                    } catch (Exception e) {
                        LOG.error("{} could not {}: {}", deviceId, detail, e.toString());
                    }
                });
        return new Answer(CommandResult.State.SUCCEEDED, detail, Map.of());
    }

    private Answer screen(boolean on) {
        if (hardware.screen().isEmpty() || !hardware.screen().get().setPower(on)) {
            return failed("this box cannot switch its screen");
        }
        return new Answer(CommandResult.State.SUCCEEDED, "screen " + (on ? "on" : "off"), Map.of());
    }

    private Answer unlock(String bankId, int no) {
        LockerBank bank = hardware.lockerBanks().stream().filter(b -> b.describe().id().equals(bankId)).findFirst().orElse(null);
        if (bank == null) {
            return failed("no locker bank '" + bankId + "' on this box");
        }
        if (no > bank.describe().compartments()) {
            return failed("bank " + bankId + " has " + bank.describe().compartments() + " compartments");
        }
        if (!bank.unlock(no)) {
            return failed("bank " + bankId + " has no lock outputs");
        }
        return new Answer(CommandResult.State.SUCCEEDED, "compartment " + bankId + "/" + no + " unlocked", Map.of());
    }

    /** The values in the answer; with an upload URL also a ZIP bundle of them and the agent's files. */
    private Answer diagnostics(String uploadUrl) throws IOException {
        Map<String, String> values = diagnostics.get();
        if (uploadUrl == null) {
            return new Answer(CommandResult.State.SUCCEEDED, "collected (the hub takes no uploads: no bundle)", values);
        }
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("diagnostics.json"));
            out.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(new TreeMap<>(values)));
            out.closeEntry();
            for (Map.Entry<String, byte[]> file : bundleFiles.get().entrySet()) {
                out.putNextEntry(new ZipEntry(file.getKey()));
                out.write(file.getValue());
                out.closeEntry();
            }
        }
        uploader.put(uploadUrl, "application/zip", zip.toByteArray());
        return new Answer(CommandResult.State.SUCCEEDED, "collected; bundle of " + zip.size() + " bytes uploaded", values);
    }

    private Answer screenshot(String uploadUrl) throws IOException {
        if (uploadUrl == null) {
            return failed("the hub gave no upload URL (kioskops.uploads.public-url is not set)");
        }
        Optional<byte[]> png = hardware.screen().flatMap(ScreenMonitor::capture);
        if (png.isEmpty()) {
            return failed("this box cannot capture its screen");
        }
        uploader.put(uploadUrl, "image/png", png.get());
        return new Answer(CommandResult.State.SUCCEEDED, "screenshot of " + png.get().length + " bytes uploaded", Map.of());
    }

    private static Answer failed(String detail) {
        return new Answer(CommandResult.State.FAILED, detail.length() <= 1000 ? detail : detail.substring(0, 997) + "...", Map.of());
    }

    private static Long commandIdOf(byte[] payload) {
        try {
            JsonNode id = JSON.readTree(payload).path("commandId");
            return id.canConvertToLong() && id.longValue() > 0 ? id.longValue() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
