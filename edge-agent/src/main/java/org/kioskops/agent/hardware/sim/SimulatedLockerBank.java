package org.kioskops.agent.hardware.sim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.kioskops.agent.hardware.LockerBank;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;

/**
 * A locker bank driven by the simulation: couriers deposit, residents collect, doors open and close, and
 * each step reports the same events a wired bank would.
 */
public final class SimulatedLockerBank implements LockerBank {
    private final String id;
    private final Clock clock;
    private final boolean[] occupied;
    private final boolean[] doorOpen;
    private volatile Consumer<DeviceEvent> sink;

    public SimulatedLockerBank(String id, int compartments, Clock clock) {
        this.id = id;
        this.clock = clock;
        this.occupied = new boolean[compartments];
        this.doorOpen = new boolean[compartments];
    }

    @Override
    public void onEvent(Consumer<DeviceEvent> sink) {
        this.sink = sink;
    }

    @Override
    public Inventory.LockerBank describe() {
        return new Inventory.LockerBank(id, occupied.length, "simulated");
    }

    @Override
    public synchronized List<TelemetrySample.CompartmentReading> read() {
        List<TelemetrySample.CompartmentReading> readings = new ArrayList<>(occupied.length);
        for (int i = 0; i < occupied.length; i++) {
            readings.add(new TelemetrySample.CompartmentReading(i + 1, occupied[i], doorOpen[i]));
        }
        return readings;
    }

    public String id() {
        return id;
    }

    public int compartments() {
        return occupied.length;
    }

    /** A courier puts a parcel into an empty compartment: door opens, parcel goes in, door closes. */
    public synchronized boolean deposit(int no) {
        if (occupied[no - 1] || doorOpen[no - 1]) {
            return false;
        }
        openDoor(no);
        occupied[no - 1] = true;
        emit(EventType.PARCEL_DEPOSITED, no);
        closeDoor(no);
        return true;
    }

    /** A resident takes the parcel out of a full compartment. */
    public synchronized boolean collect(int no) {
        if (!occupied[no - 1] || doorOpen[no - 1]) {
            return false;
        }
        openDoor(no);
        occupied[no - 1] = false;
        emit(EventType.PARCEL_COLLECTED, no);
        closeDoor(no);
        return true;
    }

    /** The lock releases and the door springs open. */
    @Override
    public synchronized boolean unlock(int no) {
        if (no < 1 || no > doorOpen.length) {
            return false;
        }
        openDoor(no);
        return true;
    }

    /** Opens a door and leaves it open (a resident walked away, or the lock is faulty). */
    public synchronized void openDoor(int no) {
        if (!doorOpen[no - 1]) {
            doorOpen[no - 1] = true;
            emit(EventType.DOOR_OPENED, no);
        }
    }

    public synchronized void closeDoor(int no) {
        if (doorOpen[no - 1]) {
            doorOpen[no - 1] = false;
            emit(EventType.DOOR_CLOSED, no);
        }
    }

    /** The bank reports a fault on one compartment (a jammed door, a stuck lock), as its controller would. */
    public void raiseFault(int no, String code) {
        fault(EventType.FAULT_RAISED, no, code, "simulated");
    }

    /** The fault is gone. */
    public void clearFault(int no, String code) {
        fault(EventType.FAULT_CLEARED, no, code, null);
    }

    private void fault(EventType type, int no, String code, String detail) {
        Consumer<DeviceEvent> current = sink;
        if (current != null) {
            current.accept(DeviceEvent.fault(clock.instant(), type, "locker:" + id + ":" + no, code, detail));
        }
    }

    /** Numbers of the compartments that hold a parcel. */
    public synchronized List<Integer> occupiedCompartments() {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < occupied.length; i++) {
            if (occupied[i]) {
                numbers.add(i + 1);
            }
        }
        return numbers;
    }

    /** Numbers of the empty compartments with a closed door. */
    public synchronized List<Integer> freeCompartments() {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < occupied.length; i++) {
            if (!occupied[i] && !doorOpen[i]) {
                numbers.add(i + 1);
            }
        }
        return numbers;
    }

    private void emit(EventType type, int no) {
        Consumer<DeviceEvent> current = sink;
        if (current != null) {
            current.accept(DeviceEvent.compartment(clock.instant(), type, id, no));
        }
    }
}
