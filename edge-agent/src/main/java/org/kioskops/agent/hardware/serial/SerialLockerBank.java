package org.kioskops.agent.hardware.serial;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A locker bank behind a controller board on a serial port, spoken to with {@link LockerBoardProtocol}.
 * The board is polled every {@link #POLL_MILLIS}; changes between two answers become door, parcel and
 * fault events, as with GPIO sensors. A board that stops answering is itself a fault
 * ({@code locker:{bank}} / {@code controller_unreachable}), raised after {@link #MISSED_POLLS} missed polls
 * and cleared by the next answer; meanwhile the bank is left out of telemetry rather than reported stale.
 */
public final class SerialLockerBank implements LockerBank, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SerialLockerBank.class);
    static final long POLL_MILLIS = 250;
    static final int MISSED_POLLS = 8;
    private static final long ANSWER_MILLIS = 500;
    public static final String UNREACHABLE = "controller_unreachable";

    private final HardwareSettings.BankSettings settings;
    private final Clock clock;
    private final SerialLine line;
    private final ReentrantLock io = new ReentrantLock();
    private final ReentrantLock releases;
    private final ScheduledExecutorService poller;
    private volatile LockerBoardProtocol.Status last;
    private volatile String problem;
    private volatile Consumer<DeviceEvent> sink;
    private int missed;
    private boolean unreachableRaised;
    private long badChecksums;

    private SerialLockerBank(HardwareSettings.BankSettings settings, Clock clock, SerialLine line, ReentrantLock releases) {
        this.settings = settings;
        this.clock = clock;
        this.line = line;
        this.releases = releases;
        this.poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "locker-board-" + settings.id());
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens the bank's port and starts polling its board. */
    public static SerialLockerBank open(HardwareSettings.BankSettings settings, Clock clock, ReentrantLock releases) throws IOException {
        SerialLockerBank bank = new SerialLockerBank(settings, clock, SerialLine.open(Path.of(settings.port()), settings.baud()), releases);
        bank.poller.scheduleWithFixedDelay(bank::poll, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return bank;
    }

    /** Sends one request and waits for its answer; lines left over from an earlier request are skipped. */
    private String request(String body, String answerPrefix) throws IOException, LockerBoardProtocol.BoardException {
        line.writeLine(LockerBoardProtocol.frame(body));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ANSWER_MILLIS);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            String text = left <= 0 ? null : line.readLine(left);
            if (text == null) {
                throw new LockerBoardProtocol.BoardException("no answer to " + body.split(" ")[0] + " within " + ANSWER_MILLIS + " ms");
            }
            Optional<String> answer = LockerBoardProtocol.unframe(text);
            if (answer.isEmpty()) {
                badChecksums++;
                LOG.debug("locker board {} on {}: line with a bad checksum ignored: {}", settings.id(), line, text);
            } else if (answer.get().startsWith(answerPrefix) || answer.get().startsWith("ERR ")) {
                return answer.get();
            }
        }
    }

    private void poll() {
        LockerBoardProtocol.Status status;
        io.lock();
        try {
            status = LockerBoardProtocol.parseStatus(request("STATUS", "STATUS "), settings.compartments());
        } catch (IOException | LockerBoardProtocol.BoardException e) {
            missed(e.getMessage());
            return;
        } catch (RuntimeException e) {
            missed(e.toString());
            return;
        } finally {
            io.unlock();
        }
        if (problem != null) {
            LOG.info("locker board {} on {} answers again", settings.id(), line);
        }
        problem = null;
        missed = 0;
        if (unreachableRaised) {
            unreachableRaised = false;
            emit(DeviceEvent.fault(clock.instant(), EventType.FAULT_CLEARED, "locker:" + settings.id(), UNREACHABLE, null));
        }
        diff(last, status);
        last = status;
    }

    private void missed(String why) {
        missed++;
        if (!why.equals(problem)) {
            LOG.warn("locker board {} on {}: {}", settings.id(), line, why);
        }
        problem = why;
        if (missed >= MISSED_POLLS) {
            last = null;
            if (!unreachableRaised) {
                unreachableRaised = true;
                emit(DeviceEvent.fault(clock.instant(), EventType.FAULT_RAISED, "locker:" + settings.id(), UNREACHABLE,
                        "no valid answer on " + line + " for " + MISSED_POLLS * POLL_MILLIS + " ms: " + why));
            }
        }
    }

    /** Events for what changed; the first answer raises the faults the board already has, nothing else. */
    private void diff(LockerBoardProtocol.Status before, LockerBoardProtocol.Status now) {
        String bank = settings.id();
        if (before != null) {
            for (int i = 0; i < now.doorsOpen().size(); i++) {
                if (!now.doorsOpen().get(i).equals(before.doorsOpen().get(i))) {
                    emit(DeviceEvent.compartment(clock.instant(), now.doorsOpen().get(i) ? EventType.DOOR_OPENED : EventType.DOOR_CLOSED, bank, i + 1));
                }
                if (!now.parcels().get(i).equals(before.parcels().get(i))) {
                    emit(DeviceEvent.compartment(clock.instant(), now.parcels().get(i) ? EventType.PARCEL_DEPOSITED : EventType.PARCEL_COLLECTED,
                            bank, i + 1));
                }
            }
        }
        Map<Integer, String> old = before == null ? Map.of() : before.faults();
        for (Map.Entry<Integer, String> f : old.entrySet()) {
            if (!Objects.equals(now.faults().get(f.getKey()), f.getValue())) {
                emit(DeviceEvent.fault(clock.instant(), EventType.FAULT_CLEARED, component(f.getKey()), f.getValue(), null));
            }
        }
        for (Map.Entry<Integer, String> f : now.faults().entrySet()) {
            if (!Objects.equals(old.get(f.getKey()), f.getValue())) {
                emit(DeviceEvent.fault(clock.instant(), EventType.FAULT_RAISED, component(f.getKey()), f.getValue(), "reported by the locker board"));
            }
        }
    }

    private String component(int no) {
        return no == 0 ? "locker:" + settings.id() : "locker:" + settings.id() + ":" + no;
    }

    private void emit(DeviceEvent event) {
        Consumer<DeviceEvent> current = sink;
        if (current != null) {
            current.accept(event);
        }
    }

    @Override
    public void onEvent(Consumer<DeviceEvent> sink) {
        this.sink = sink;
    }

    @Override
    public Inventory.LockerBank describe() {
        return settings.inventory();
    }

    @Override
    public List<TelemetrySample.CompartmentReading> read() {
        LockerBoardProtocol.Status status = last;
        if (status == null) {
            throw new IllegalStateException("locker board on " + line + " is not answering" + (problem == null ? "" : ": " + problem));
        }
        List<TelemetrySample.CompartmentReading> readings = new ArrayList<>(status.doorsOpen().size());
        for (int i = 0; i < status.doorsOpen().size(); i++) {
            readings.add(new TelemetrySample.CompartmentReading(i + 1, status.parcels().get(i), status.doorsOpen().get(i)));
        }
        return readings;
    }

    /** Asks the board to release the compartment's lock; throws with the board's reason when it refuses. */
    @Override
    public boolean unlock(int no) {
        if (no < 1 || no > settings.compartments()) {
            return false;
        }
        releases.lock();
        io.lock();
        try {
            String answer = request("UNLOCK " + no + " " + settings.unlockPulseMillis(), "OK UNLOCK ");
            if (!answer.equals("OK UNLOCK " + no)) {
                throw new IllegalStateException("the locker board refused: " + answer);
            }
            return true;
        } catch (IOException | LockerBoardProtocol.BoardException e) {
            throw new IllegalStateException("locker board on " + line + ": " + e.getMessage(), e);
        } finally {
            io.unlock();
            releases.unlock();
        }
    }

    /** Lines from the board that failed their checksum, since start. */
    public long badChecksums() {
        return badChecksums;
    }

    @Override
    public void close() {
        poller.shutdownNow();
        try {
            line.close();
        } catch (IOException e) {
            LOG.debug("closing {}: {}", line, e.toString());
        }
    }
}
