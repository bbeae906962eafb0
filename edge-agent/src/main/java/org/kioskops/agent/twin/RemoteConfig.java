package org.kioskops.agent.twin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.kioskops.protocol.ConfigState;
import org.kioskops.protocol.DesiredConfig;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's desired settings on this box. A version arriving is checked as a whole, against the contract and
 * against the box (a locker pin map must name banks and compartments the box has); it is then applied and
 * kept on disk (written to a temporary file, forced to the device, renamed over the previous one), or
 * rejected with the reason while the previous version stays in force. Not thread-safe: the agent calls it
 * from its own loop.
 */
public final class RemoteConfig {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteConfig.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String deviceId;
    private final Path file;
    private final List<Inventory.LockerBank> banks;
    private final Consumer<DesiredConfig> apply;
    private final ProtocolCodec codec = new ProtocolCodec();
    private DesiredConfig active;

    /**
     * @param file  where the active version is kept, or null to keep it in memory only
     * @param apply puts a checked version into effect; must not fail for a version that passed the checks
     */
    public RemoteConfig(String deviceId, Path file, List<Inventory.LockerBank> banks, Consumer<DesiredConfig> apply) {
        this.deviceId = deviceId;
        this.file = file;
        this.banks = List.copyOf(banks);
        this.apply = apply;
    }

    /** What to tell the hub about a version that arrived. */
    public record Report(String version, ConfigState.Outcome outcome, String reason, String active) {
    }

    /** Puts the version kept on disk back into effect, as at the end of the previous run. */
    public void restore() {
        if (file == null || !Files.exists(file)) {
            return;
        }
        try {
            DesiredConfig kept = codec.decodeDesired(deviceId, Files.readAllBytes(file));
            apply.accept(kept);
            active = kept;
            LOG.info("{} runs the hub's settings version {} kept from the previous run", deviceId, kept.version());
        } catch (IOException | ProtocolException | RuntimeException e) {
            LOG.warn("{} cannot use the kept settings {} ({}); running on the local configuration until the hub sends them", deviceId,
                    file, e.getMessage());
        }
    }

    /** The version in force, if any. */
    public Optional<String> activeVersion() {
        return Optional.ofNullable(active).map(DesiredConfig::version);
    }

    /** Handles a desired configuration; empty when there is nothing to report (the version already in force). */
    public Optional<Report> receive(byte[] payload) {
        String current = active == null ? null : active.version();
        DesiredConfig desired;
        try {
            desired = codec.decodeDesired(deviceId, payload);
        } catch (ProtocolException e) {
            String version = versionOf(payload);
            LOG.warn("{} refuses a configuration it cannot read: {}", deviceId, e.getMessage());
            return version == null ? Optional.empty()
                    : Optional.of(new Report(version, ConfigState.Outcome.REJECTED, describe(e), current));
        }
        if (desired.version().equals(current)) {
            return Optional.empty();
        }
        List<String> problems = check(desired);
        if (!problems.isEmpty()) {
            String reason = String.join("; ", problems);
            LOG.warn("{} rejects settings version {}: {}", deviceId, desired.version(), reason);
            return Optional.of(new Report(desired.version(), ConfigState.Outcome.REJECTED, shorten(reason), current));
        }
        apply.accept(desired);
        active = desired;
        keep(payload);
        LOG.info("{} applied settings version {}", deviceId, desired.version());
        return Optional.of(new Report(desired.version(), ConfigState.Outcome.APPLIED, null, desired.version()));
    }

    /** What the contract cannot know: whether the settings fit this box. */
    private List<String> check(DesiredConfig desired) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, Integer>> entry : desired.settings().lockerPins().entrySet()) {
            Inventory.LockerBank bank = banks.stream().filter(b -> b.id().equals(entry.getKey())).findFirst().orElse(null);
            if (bank == null) {
                problems.add("lockerPins." + entry.getKey() + ": no locker bank '" + entry.getKey() + "' on this box (it has "
                        + banks.stream().map(Inventory.LockerBank::id).toList() + ")");
                continue;
            }
            for (int no : entry.getValue().keySet()) {
                if (no > bank.compartments()) {
                    problems.add("lockerPins." + entry.getKey() + "." + no + ": bank " + bank.id() + " has " + bank.compartments()
                            + " compartments");
                }
            }
        }
        return problems;
    }

    private void keep(byte[] payload) {
        if (file == null) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(payload));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // in force now, but after a restart the box runs on its local configuration until the hub resends
            LOG.error("{} could not keep settings version {} in {}: {}", deviceId, active.version(), file, e.toString());
        }
    }

    private static String versionOf(byte[] payload) {
        try {
            JsonNode version = JSON.readTree(payload).path("version");
            return version.isTextual() && version.textValue().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}") ? version.textValue() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(ProtocolException e) {
        return shorten((e.field() == null ? "" : e.field() + ": ") + e.getMessage());
    }

    private static String shorten(String s) {
        return s.length() <= 500 ? s : s.substring(0, 497) + "...";
    }
}
