package org.kioskops.agent.hardware.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.kioskops.agent.config.HardwareSettings;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;

/**
 * A locker bank wired to GPIO: per compartment one door sensor and one parcel presence sensor, debounced
 * by Pi4J. Sensor edges become {@code door_opened/closed} and {@code parcel_deposited/collected} events.
 */
public final class Pi4jLockerBank implements LockerBank {
    /** Contact bounce of a door reed switch settles well within this. */
    static final long DEBOUNCE_MILLIS = 20;

    private final HardwareSettings.BankSettings settings;
    private final Clock clock;
    private final List<DigitalInput> doors = new ArrayList<>();
    private final List<DigitalInput> presence = new ArrayList<>();
    private final DigitalState active;
    private volatile Consumer<DeviceEvent> sink;

    public Pi4jLockerBank(Context pi4j, HardwareSettings.BankSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
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
        return new Inventory.LockerBank(settings.id(), settings.compartments(), settings.model());
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
