package org.kioskops.agent.update;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent must remember about updates across restarts, power cuts and version switches: the order it
 * is working on, whether it has switched to the new version and how often that version has started, and
 * which deployments it has finished (so that a retained order is never installed twice). Written atomically:
 * a power cut leaves the previous or the new state, never a torn one.
 */
final class UpdateJournal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FINISHED_KEPT = 50;

    /** Where an update stands on this box. */
    enum Phase {
        /** Downloading, verifying, waiting for residents, installing: the old version still active. */
        FETCHING,
        /** The new version is active and must pass its check; {@code fromVersion} is what to roll back to. */
        VERIFYING
    }

    /**
     * @param order       the order as received (JSON), so that a restarted agent carries on
     * @param starts      how often the new version has started while verifying
     * @param rolledBack  whether the new version gave up and switched back (its report is already in the outbox)
     */
    record Entry(long deploymentId, Phase phase, String order, String version, String fromVersion, int starts, boolean rolledBack) {
        Entry verifying(String from) {
            return new Entry(deploymentId, Phase.VERIFYING, order, version, from, 0, false);
        }

        Entry started() {
            return new Entry(deploymentId, phase, order, version, fromVersion, starts + 1, rolledBack);
        }

        Entry givenUp() {
            return new Entry(deploymentId, phase, order, version, fromVersion, starts, true);
        }
    }

    /** The whole file: the current entry (or none) and the deployments finished, newest last. */
    record State(Entry current, List<Long> finished) {
        State {
            finished = finished == null ? List.of() : List.copyOf(finished);
        }
    }

    private final Path file;
    private State state;

    UpdateJournal(Path file) throws IOException {
        this.file = file;
        Files.createDirectories(file.getParent());
        state = Files.exists(file) ? JSON.readValue(file.toFile(), State.class) : new State(null, List.of());
    }

    Entry current() {
        return state.current();
    }

    boolean finished(long deploymentId) {
        return state.finished().contains(deploymentId);
    }

    void begin(Entry entry) throws IOException {
        write(new State(entry, state.finished()));
    }

    void update(Entry entry) throws IOException {
        write(new State(entry, state.finished()));
    }

    /** The deployment is over, whatever its outcome: the current entry goes, its id is remembered. */
    void finish(long deploymentId) throws IOException {
        List<Long> finished = new ArrayList<>(state.finished());
        finished.remove(deploymentId);
        finished.add(deploymentId);
        while (finished.size() > FINISHED_KEPT) {
            finished.remove(0);
        }
        Entry current = state.current() != null && state.current().deploymentId() == deploymentId ? null : state.current();
        write(new State(current, finished));
    }

    private void write(State next) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, JSON.writeValueAsBytes(next));
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        state = next;
    }
}
