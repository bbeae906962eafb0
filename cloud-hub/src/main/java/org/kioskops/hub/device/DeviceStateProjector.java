package org.kioskops.hub.device;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventBatch;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.TelemetrySample;

/**
 * Turns accepted contract messages into the latest state of a device and its compartments. Messages may
 * arrive late (replay after an outage) or out of order, so every piece of state remembers the device time
 * it comes from and is only overwritten by something newer; connection state follows the newest session.
 * Runs inside the caller's transaction.
 */
@ApplicationScoped
public class DeviceStateProjector {

    /** A birth of the current or a newer connection: online, with its inventory. */
    public void birth(Device device, Birth birth, Instant receivedAt) {
        if (device.session != null && birth.session() < device.session) {
            return;
        }
        connect(device, birth.session(), receivedAt);
        device.agentVersion = birth.agentVersion();
        device.reportedModel = birth.hardwareModel();
        device.bootedAt = birth.bootedAt();
        replaceComponents(device.id, birth.inventory());
    }

    /** A status of the current or a newer connection; older ones (a late will) are ignored. */
    public void status(Device device, Status status, Instant receivedAt) {
        if (device.session != null && status.session() < device.session) {
            return;
        }
        if (status.state() == Status.ConnectionState.ONLINE) {
            connect(device, status.session(), receivedAt);
        } else {
            if (device.connection != Connection.OFFLINE) {
                device.connectionSince = receivedAt;
            }
            device.session = status.session();
            device.connection = Connection.OFFLINE;
            device.offlineReason = status.reason().wire();
        }
    }

    private static void connect(Device device, long session, Instant receivedAt) {
        boolean newConnection = device.connection != Connection.ONLINE || device.session == null || session != device.session;
        device.session = session;
        device.connection = Connection.ONLINE;
        device.offlineReason = null;
        if (newConnection) {
            device.connectionSince = receivedAt;
        }
    }

    /** A device heard from for the first time through data counts as connected. */
    public void seen(Device device, Instant receivedAt) {
        if (device.connection == Connection.NEVER_SEEN) {
            device.connection = Connection.ONLINE;
            device.connectionSince = receivedAt;
        }
    }

    public void telemetry(Device device, TelemetryBatch batch) {
        Map<String, Compartment> compartments = compartmentsOf(device.id);
        Map<String, HealthReadingEntity> health = new HashMap<>();
        HealthReadingEntity.ofDevice(device.id).forEach(h -> health.put(h.kind, h));
        List<TelemetrySample> samples = new ArrayList<>(batch.samples());
        samples.sort(Comparator.comparing(TelemetrySample::ts));
        for (TelemetrySample sample : samples) {
            if (device.telemetryAt == null || !sample.ts().isBefore(device.telemetryAt)) {
                applyVitals(device, sample);
            }
            for (TelemetrySample.LockerBankReading bank : sample.lockers()) {
                for (TelemetrySample.CompartmentReading c : bank.compartments()) {
                    Compartment state = compartment(compartments, device.id, bank.bank(), c.no());
                    if (state.reportedAt == null || !sample.ts().isBefore(state.reportedAt)) {
                        update(state, c.occupied(), c.doorOpen(), sample.ts());
                    }
                }
            }
            for (TelemetrySample.HealthReading reading : sample.health()) {
                HealthReadingEntity latest = health.get(reading.kind().wire());
                boolean fresh = latest == null;
                if (fresh) {
                    latest = new HealthReadingEntity();
                    latest.deviceId = device.id;
                    latest.kind = reading.kind().wire();
                    health.put(latest.kind, latest);
                } else if (reading.measuredAt().isBefore(latest.measuredAt)) {
                    continue;
                }
                latest.source = reading.device();
                latest.reading = reading.value();
                latest.unit = reading.unit();
                latest.measuredAt = reading.measuredAt();
                if (fresh) {
                    latest.persist();
                }
            }
        }
    }

    private static void applyVitals(Device device, TelemetrySample sample) {
        device.telemetryAt = sample.ts();
        if (sample.uptimeSeconds() != null) {
            device.uptimeSeconds = sample.uptimeSeconds();
        }
        if (sample.screen() != null) {
            device.screenState = sample.screen().state().wire();
            device.screenBrightness = sample.screen().brightness();
        }
        TelemetrySample.SystemReading system = sample.system();
        if (system != null) {
            device.cpuTempC = system.cpuTempC();
            device.memUsedBytes = system.memUsedBytes();
            device.memTotalBytes = system.memTotalBytes();
            device.diskUsedBytes = system.diskUsedBytes();
            device.diskTotalBytes = system.diskTotalBytes();
        }
    }

    public void events(Device device, EventBatch batch) {
        Map<String, Compartment> compartments = compartmentsOf(device.id);
        List<DeviceEvent> events = new ArrayList<>(batch.events());
        events.sort(Comparator.comparing(DeviceEvent::ts));
        for (DeviceEvent event : events) {
            store(device.id, batch.seq(), event);
            if (event.type().isCompartmentEvent()) {
                Compartment state = compartment(compartments, device.id, event.bank(), event.compartment());
                if (state.reportedAt == null || !event.ts().isBefore(state.reportedAt)) {
                    boolean occupied = switch (event.type()) {
                        case PARCEL_DEPOSITED -> true;
                        case PARCEL_COLLECTED -> false;
                        default -> state.occupied;
                    };
                    boolean doorOpen = switch (event.type()) {
                        case DOOR_OPENED -> true;
                        case DOOR_CLOSED -> false;
                        default -> state.doorOpen;
                    };
                    update(state, occupied, doorOpen, event.ts());
                }
            } else if (event.type() == EventType.FAULT_RAISED) {
                if (DeviceFault.active(device.id, event.component(), event.code()).isEmpty()) {
                    DeviceFault fault = new DeviceFault();
                    fault.deviceId = device.id;
                    fault.component = event.component();
                    fault.code = event.code();
                    fault.detail = event.detail();
                    fault.raisedAt = event.ts();
                    fault.persist();
                }
            } else if (event.type() == EventType.FAULT_CLEARED) {
                DeviceFault.active(device.id, event.component(), event.code()).ifPresent(f -> f.clearedAt = event.ts());
            }
        }
    }

    private static void store(String deviceId, long seq, DeviceEvent event) {
        StoredEvent stored = new StoredEvent();
        stored.deviceId = deviceId;
        stored.seq = seq;
        stored.occurredAt = event.ts();
        stored.type = event.type().wire();
        stored.bank = event.bank();
        stored.compartment = event.compartment();
        stored.sessionId = event.session();
        stored.healthDevice = event.device();
        stored.component = event.component();
        stored.code = event.code();
        stored.detail = event.detail();
        stored.persist();
    }

    private static void update(Compartment state, boolean occupied, boolean doorOpen, Instant at) {
        if (state.reportedAt == null || state.occupied != occupied || state.doorOpen != doorOpen) {
            state.changedAt = at;
        }
        state.occupied = occupied;
        state.doorOpen = doorOpen;
        state.reportedAt = at;
    }

    private static Map<String, Compartment> compartmentsOf(String deviceId) {
        Map<String, Compartment> byKey = new HashMap<>();
        for (Compartment c : Compartment.ofDevice(deviceId)) {
            byKey.put(c.bank + "/" + c.no, c);
        }
        return byKey;
    }

    private static Compartment compartment(Map<String, Compartment> known, String deviceId, String bank, int no) {
        return known.computeIfAbsent(bank + "/" + no, key -> {
            Compartment c = new Compartment();
            c.deviceId = deviceId;
            c.bank = bank;
            c.no = no;
            c.persist();
            return c;
        });
    }

    /**
     * Makes the device's components and compartments those of the inventory, updating rows in place:
     * two births of one device may be applied in the same transaction.
     */
    private static void replaceComponents(String deviceId, Inventory inventory) {
        Map<String, DeviceComponent> wanted = new java.util.LinkedHashMap<>();
        if (inventory.screen() != null) {
            Double size = inventory.screen().sizeInches();
            want(wanted, "screen", "screen", inventory.screen().model(), size == null ? null : (int) Math.round(size));
        }
        Map<String, Integer> banks = new HashMap<>();
        for (Inventory.LockerBank bank : inventory.lockerBanks()) {
            want(wanted, "locker:" + bank.id(), "locker_bank", bank.model(), bank.compartments());
            banks.put(bank.id(), bank.compartments());
        }
        for (Inventory.HealthDevice health : inventory.healthDevices()) {
            want(wanted, "health:" + health.id(), health.kind().wire(), health.model(), null);
        }
        for (Inventory.Peripheral p : inventory.peripherals()) {
            want(wanted, "peripheral:" + p.id(), p.type(), p.model(), null);
        }
        for (DeviceComponent existing : DeviceComponent.ofDevice(deviceId)) {
            DeviceComponent desired = wanted.remove(existing.componentId);
            if (desired == null) {
                existing.delete();
            } else {
                existing.kind = desired.kind;
                existing.model = desired.model;
                existing.size = desired.size;
            }
        }
        for (DeviceComponent added : wanted.values()) {
            added.deviceId = deviceId;
            added.persist();
        }
        Map<String, Compartment> existing = compartmentsOf(deviceId);
        for (Compartment c : existing.values()) {
            Integer size = banks.get(c.bank);
            if (size == null || c.no > size) {
                c.delete();
            }
        }
        banks.forEach((bank, size) -> {
            for (int no = 1; no <= size; no++) {
                compartment(existing, deviceId, bank, no);
            }
        });
    }

    private static void want(Map<String, DeviceComponent> wanted, String id, String kind, String model, Integer size) {
        DeviceComponent c = new DeviceComponent();
        c.componentId = id;
        c.kind = kind;
        c.model = model;
        c.size = size;
        wanted.put(id, c);
    }

}
