package org.kioskops.hub.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.device.OfflineCause;
import org.kioskops.hub.telemetry.SampleMetrics;
import org.kioskops.hub.telemetry.TelemetryPoint;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.EventBatch;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.TelemetrySample;

/**
 * Applies accepted contract messages to a device's in-memory state and collects the rows to write.
 * Messages may arrive late (replay after an outage) or out of order, so every piece of state remembers the
 * device time it comes from and is only replaced by something newer; connection state follows the newest
 * session. Pure: no I/O, no clock.
 */
final class IngestProjector {
    private IngestProjector() {
    }

    /** A birth of the current or a newer connection: online, with its inventory. */
    static void birth(LiveDevice device, Birth birth, Instant receivedAt, BatchWrites writes) {
        if (device.session != null && birth.session() < device.session) {
            return;
        }
        if (device.connection == Connection.OFFLINE && device.connectionSince != null) {
            OfflineCause recorded = OfflineCause.ofWire(device.offlineReason).orElse(OfflineCause.CONNECTION_LOST);
            OfflineCause refined = Liveness.refine(recorded, device.bootedAt, device.agentStartedAt, birth);
            if (refined != recorded) {
                writes.availability.add(new BatchWrites.CauseRefinement(device.id, refined.wire()));
            }
        }
        connect(device, birth.session(), receivedAt, writes);
        device.agentVersion = birth.agentVersion();
        device.reportedModel = birth.hardwareModel();
        device.bootedAt = birth.bootedAt();
        device.agentStartedAt = birth.startedAt();
        device.keepAliveSeconds = birth.keepAliveSeconds();
        device.receipts = birth.wantsReceipts();
        // a birth is sent as the connection opens, never from the outbox, so its age is the clock difference
        device.clockSkewMillis = birth.ts().toEpochMilli() - receivedAt.toEpochMilli();
        replaceInventory(device, birth.inventory());
        writes.urgent(device);
    }

    /** A status of the current or a newer connection; older ones (a late will) are ignored. */
    static void status(LiveDevice device, Status status, Instant receivedAt, BatchWrites writes) {
        if (device.session != null && status.session() < device.session) {
            return;
        }
        if (status.state() == Status.ConnectionState.ONLINE) {
            connect(device, status.session(), receivedAt, writes);
        } else {
            device.session = status.session();
            // the first cause stands: a will that follows the hub's own silence verdict adds nothing
            goOffline(device, status.reason().wire(), receivedAt, writes);
        }
        writes.urgent(device);
    }

    /** The device sent nothing for too long although its connection looked open. */
    static void silent(LiveDevice device, Instant now, BatchWrites writes) {
        goOffline(device, OfflineCause.SILENT.wire(), now, writes);
        writes.urgent(device);
    }

    private static void goOffline(LiveDevice device, String cause, Instant at, BatchWrites writes) {
        if (device.connection == Connection.OFFLINE) {
            return;
        }
        device.connection = Connection.OFFLINE;
        device.offlineReason = cause;
        device.connectionSince = at;
        writes.availability.add(new BatchWrites.AvailabilityChange(device.id, at, Connection.OFFLINE, cause, device.session));
    }

    private static void connect(LiveDevice device, long session, Instant receivedAt, BatchWrites writes) {
        boolean newConnection = device.connection != Connection.ONLINE || device.session == null || session != device.session;
        device.session = session;
        device.connection = Connection.ONLINE;
        device.offlineReason = null;
        if (newConnection) {
            device.connectionSince = receivedAt;
            writes.availability.add(new BatchWrites.AvailabilityChange(device.id, receivedAt, Connection.ONLINE, null, session));
        }
    }

    /**
     * A device heard of through data (telemetry, events, heartbeat) is connected: the first time, or again
     * after the hub took its silence for an outage.
     */
    static void seen(LiveDevice device, Instant receivedAt, BatchWrites writes) {
        boolean resumed = device.connection == Connection.OFFLINE && OfflineCause.SILENT.wire().equals(device.offlineReason);
        if (device.connection == Connection.NEVER_SEEN || resumed) {
            device.connection = Connection.ONLINE;
            device.offlineReason = null;
            device.connectionSince = receivedAt;
            writes.availability.add(new BatchWrites.AvailabilityChange(device.id, receivedAt, Connection.ONLINE, null, device.session));
            writes.urgent(device);
        }
    }

    static void telemetry(LiveDevice device, TelemetryBatch batch, Map<String, String> place, BatchWrites writes) {
        List<TelemetrySample> samples = batch.samples();
        for (int i = 0; i < samples.size(); i++) {
            TelemetrySample sample = samples.get(i);
            writes.telemetry.add(new TelemetryPoint(device.id, batch.seq(), i, sample.ts(), SampleMetrics.values(sample), place,
                    SampleMetrics.banks(sample)));
            List<TelemetrySample.HealthReading> readings = sample.health();
            for (int r = 0; r < readings.size(); r++) {
                TelemetrySample.HealthReading reading = readings.get(r);
                writes.measurements.add(new BatchWrites.HealthMeasurement(device.id, batch.seq(), i, r, reading.kind().wire(),
                        reading.device(), reading.value(), reading.unit(), reading.measuredAt()));
                latestHealth(device, reading);
            }
        }
        List<TelemetrySample> byTime = new ArrayList<>(samples);
        byTime.sort(Comparator.comparing(TelemetrySample::ts));
        for (TelemetrySample sample : byTime) {
            if (device.telemetryAt == null || !sample.ts().isBefore(device.telemetryAt)) {
                vitals(device, sample);
            }
            for (TelemetrySample.LockerBankReading bank : sample.lockers()) {
                for (TelemetrySample.CompartmentReading c : bank.compartments()) {
                    LiveDevice.CompartmentRow row = compartment(device, bank.bank(), c.no());
                    if (row.reportedAt == null || !sample.ts().isBefore(row.reportedAt)) {
                        update(row, c.occupied(), c.doorOpen(), sample.ts());
                    }
                }
            }
        }
        writes.touched(device);
    }

    private static void latestHealth(LiveDevice device, TelemetrySample.HealthReading reading) {
        LiveDevice.HealthRow latest = device.health.computeIfAbsent(reading.kind().wire(), LiveDevice.HealthRow::new);
        if (latest.measuredAt == null || !reading.measuredAt().isBefore(latest.measuredAt)) {
            latest.source = reading.device();
            latest.value = reading.value();
            latest.unit = reading.unit();
            latest.measuredAt = reading.measuredAt();
            latest.dirty = true;
        }
    }

    private static void vitals(LiveDevice device, TelemetrySample sample) {
        device.telemetryAt = sample.ts();
        if (sample.uptimeSeconds() != null) {
            device.uptimeSeconds = sample.uptimeSeconds();
        }
        if (sample.screen() != null) {
            if (!sample.screen().state().wire().equals(device.screenState) || device.screenSince == null) {
                device.screenSince = sample.ts();
            }
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

    static void events(LiveDevice device, EventBatch batch, BatchWrites writes) {
        List<DeviceEvent> events = batch.events();
        for (int i = 0; i < events.size(); i++) {
            DeviceEvent e = events.get(i);
            writes.events.add(new BatchWrites.EventRow(device.id, batch.seq(), i, e.ts(), e.type().wire(), e.bank(), e.compartment(),
                    e.session(), e.device(), e.component(), e.code(), e.detail()));
        }
        List<DeviceEvent> byTime = new ArrayList<>(events);
        byTime.sort(Comparator.comparing(DeviceEvent::ts));
        for (DeviceEvent event : byTime) {
            if (event.type().isCompartmentEvent()) {
                LiveDevice.CompartmentRow row = compartment(device, event.bank(), event.compartment());
                if (row.reportedAt == null || !event.ts().isBefore(row.reportedAt)) {
                    boolean occupied = switch (event.type()) {
                        case PARCEL_DEPOSITED -> true;
                        case PARCEL_COLLECTED -> false;
                        default -> row.occupied;
                    };
                    boolean doorOpen = switch (event.type()) {
                        case DOOR_OPENED -> true;
                        case DOOR_CLOSED -> false;
                        default -> row.doorOpen;
                    };
                    update(row, occupied, doorOpen, event.ts());
                }
            } else if (event.type() == EventType.FAULT_RAISED) {
                String key = LiveDevice.faultKey(event.component(), event.code());
                if (!device.activeFaults.containsKey(key)) {
                    LiveDevice.FaultRow fault = new LiveDevice.FaultRow(event.component(), event.code());
                    fault.detail = event.detail();
                    fault.raisedAt = event.ts();
                    device.activeFaults.put(key, fault);
                    writes.raisedFaults.add(new BatchWrites.RaisedFault(device.id, fault));
                }
            } else if (event.type() == EventType.FAULT_CLEARED) {
                LiveDevice.FaultRow fault = device.activeFaults.remove(LiveDevice.faultKey(event.component(), event.code()));
                if (fault != null) {
                    fault.clearedAt = event.ts();
                    if (fault.stored) {
                        writes.clearedFaults.add(new BatchWrites.ClearedFault(device.id, fault.component, fault.code, event.ts()));
                    }
                }
            }
        }
        writes.touched(device);
    }

    /**
     * Written to the database only when occupancy or door changed: a compartment reported unchanged every
     * few seconds would otherwise cost a row update per message. The in-memory report time still moves on.
     */
    private static void update(LiveDevice.CompartmentRow row, boolean occupied, boolean doorOpen, Instant at) {
        if (row.reportedAt == null || row.occupied != occupied || row.doorOpen != doorOpen) {
            row.changedAt = at;
            row.dirty = true;
        }
        if (doorOpen != (row.doorSince != null)) {
            row.doorSince = doorOpen ? at : null;
            row.dirty = true;
        }
        if (occupied != (row.occupiedSince != null)) {
            row.occupiedSince = occupied ? at : null;
            row.dirty = true;
        }
        row.occupied = occupied;
        row.doorOpen = doorOpen;
        row.reportedAt = at;
    }

    private static LiveDevice.CompartmentRow compartment(LiveDevice device, String bank, int no) {
        LiveDevice.CompartmentRow row = device.compartments.computeIfAbsent(LiveDevice.compartmentKey(bank, no),
                key -> new LiveDevice.CompartmentRow(bank, no));
        if (row.removed) {
            row.removed = false;
            row.dirty = true;
        }
        return row;
    }

    /** Makes the device's components and compartments those of the inventory. */
    private static void replaceInventory(LiveDevice device, Inventory inventory) {
        List<LiveDevice.ComponentRow> components = new ArrayList<>();
        if (inventory.screen() != null) {
            Double size = inventory.screen().sizeInches();
            components.add(new LiveDevice.ComponentRow("screen", "screen", inventory.screen().model(),
                    size == null ? null : (int) Math.round(size)));
        }
        Map<String, Integer> banks = new HashMap<>();
        for (Inventory.LockerBank bank : inventory.lockerBanks()) {
            components.add(new LiveDevice.ComponentRow("locker:" + bank.id(), "locker_bank", bank.model(), bank.compartments()));
            banks.put(bank.id(), bank.compartments());
        }
        for (Inventory.HealthDevice health : inventory.healthDevices()) {
            components.add(new LiveDevice.ComponentRow("health:" + health.id(), health.kind().wire(), health.model(), null));
        }
        for (Inventory.Peripheral p : inventory.peripherals()) {
            components.add(new LiveDevice.ComponentRow("peripheral:" + p.id(), p.type(), p.model(), null));
        }
        device.newComponents = components;
        for (LiveDevice.CompartmentRow row : device.compartments.values()) {
            Integer size = banks.get(row.bank);
            if (size == null || row.no > size) {
                row.removed = true;
                row.dirty = true;
            }
        }
        banks.forEach((bank, size) -> {
            for (int no = 1; no <= size; no++) {
                LiveDevice.CompartmentRow row = compartment(device, bank, no);
                if (!row.stored) {
                    row.dirty = true;
                }
            }
        });
    }
}
