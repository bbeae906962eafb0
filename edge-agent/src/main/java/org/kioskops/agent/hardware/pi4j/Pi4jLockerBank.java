package org.kioskops.agent.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;

/**
 * A locker bank wired to GPIO: per compartment one door sensor and one parcel presence sensor, debounced
 * by Pi4J, and optionally one lock release output. Sensor edges become {@code door_opened/closed} and
 * {@code parcel_deposited/collected} events. A release is a pulse of the configured length; releases of
 * all banks share one lock, so that two solenoids never draw current at once (a locker's supply is sized
 * for one).
 */
public final class Pi4jLockerBank implements LockerBank {
    /** Contact bounce of a door reed switch settles well within this. */
    static final long DEBOUNCE_MILLIS = 20;

    private final HardwareSettings.BankSettings settings;
    private final Clock clock;
    private final List<DigitalInput> doors = new ArrayList<>();
    private final List<DigitalInput> presence = new ArrayList<>();
    private final List<DigitalOutput> locks = new ArrayList<>();
    private final ReentrantLock releases;
    private final DigitalState active;
    private volatile Consumer<DeviceEvent> sink;

    /** @param releases held while a lock release is driven; shared by every bank of the box */
    public Pi4jLockerBank(Context pi4j, HardwareSettings.BankSettings settings, Clock clock, ReentrantLock releases) {
        this.settings = settings;
        this.clock = clock;
        this.releases = releases;
        this.active = settings.activeHigh() ? DigitalState.HIGH : DigitalState.LOW;
        PullResistance pull = settings.activeHigh() ? PullResistance.PULL_DOWN : PullResistance.PULL_UP;
        for (int i = 0; i < settings.compartments(); i++) {
            int compartment = i + 1;
            DigitalInput door = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id("locker-" + settings.id() + "-" + compartment + "-door")
                    .address(settings.doorPins().get(i))
                    .pull(pull)
                    .debounce(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS));
            DigitalInput parcel = pi4j.create(DigitalInput.newConfigBuilder(pi4j)
                    .id("locker-" + settings.id() + "-" + compartment + "-presence")
                    .address(settings.occupancyPins().get(i))
                    .pull(pull)
                    .debounce(DEBOUNCE_MILLIS, TimeUnit.MILLISECONDS));
            door.addListener((DigitalStateChangeListener) e -> emit(compartment,
                    e.state() == active ? EventType.DOOR_OPENED : EventType.DOOR_CLOSED));
            parcel.addListener((DigitalStateChangeListener) e -> emit(compartment,
                    e.state() == active ? EventType.PARCEL_DEPOSITED : EventType.PARCEL_COLLECTED));
            doors.add(door);
            presence.add(parcel);
            if (!settings.lockPins().isEmpty()) {
                locks.add(pi4j.create(DigitalOutput.newConfigBuilder(pi4j)
                        .id("locker-" + settings.id() + "-" + compartment + "-lock")
                        .address(settings.lockPins().get(i))
                        .initial(DigitalState.LOW)
                        .shutdown(DigitalState.LOW)));
            }
        }
    }

    @Override
    public boolean unlock(int no) {
        if (locks.isEmpty() || no < 1 || no > locks.size()) {
            return false;
        }
        releases.lock();
        try {
            locks.get(no - 1).pulse(settings.unlockPulseMillis(), TimeUnit.MILLISECONDS, DigitalState.HIGH, null);
            return true;
        } finally {
            releases.unlock();
        }
    }

    private void emit(int compartment, EventType type) {
        Consumer<DeviceEvent> current = sink;
        if (current != null) {
            current.accept(DeviceEvent.compartment(clock.instant(), type, settings.id(), compartment));
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
        List<TelemetrySample.CompartmentReading> readings = new ArrayList<>(doors.size());
        for (int i = 0; i < doors.size(); i++) {
            readings.add(new TelemetrySample.CompartmentReading(i + 1,
                    presence.get(i).state() == active, doors.get(i).state() == active));
        }
        return readings;
    }
}
