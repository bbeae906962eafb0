package org.kioskops.hub.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.telemetry.TelemetryPoint;

/** Everything one batch of messages changes, written in one transaction by {@link StateWriter}. */
final class BatchWrites {
    final Map<String, LiveDevice> devices = new LinkedHashMap<>();
    final List<TelemetryPoint> telemetry = new ArrayList<>();
    final List<EventRow> events = new ArrayList<>();
    final List<HealthMeasurement> measurements = new ArrayList<>();
    /** Faults raised in this batch (inserted with their clearing time if cleared in the same batch). */
    final List<RaisedFault> raisedFaults = new ArrayList<>();
    /** Faults stored earlier and cleared in this batch. */
    final List<ClearedFault> clearedFaults = new ArrayList<>();
    /** Transitions of availability, and causes of offline periods learned from the devices' return, in order. */
    final List<AvailabilityWrite> availability = new ArrayList<>();

    /** Devices' answers to commands, desired configuration and updates, for the features that own them. */
    final Answers answers = new Answers();

    /** Devices whose state row is written in this batch (decided by {@link StateWriter}). */
    final List<LiveDevice> statesWritten = new ArrayList<>();

    void touched(LiveDevice device) {
        device.dirty = true;
        devices.putIfAbsent(device.id, device);
    }

    /** A change that must reach the database with this batch. */
    void urgent(LiveDevice device) {
        device.urgent = true;
        touched(device);
    }

    /** One event to insert. */
    record EventRow(String deviceId, long seq, int index, Instant at, String type, String bank, Integer compartment,
                    String session, String healthDevice, String component, String code, String detail) {
    }

    /** One health measurement to insert. */
    record HealthMeasurement(String deviceId, long seq, int sampleIndex, int readingIndex, String kind, String source,
                             double value, String unit, Instant measuredAt) {
    }

    /** A fault to insert. */
    record RaisedFault(String deviceId, LiveDevice.FaultRow fault) {
    }

    /** A write to a device's availability history. */
    sealed interface AvailabilityWrite permits AvailabilityChange, CauseRefinement {
        String deviceId();
    }

    /** A device came online or went offline ({@code cause} set) at {@code at}. */
    record AvailabilityChange(String deviceId, Instant at, Connection connection, String cause, Long session)
            implements AvailabilityWrite {
    }

    /** The device's latest offline period had this cause. */
    record CauseRefinement(String deviceId, String cause) implements AvailabilityWrite {
    }

    /** A stored fault the device cleared. */
    record ClearedFault(String deviceId, String component, String code, Instant clearedAt) {
    }

    /** Devices' answers gathered while the batch is applied. */
    static final class Answers {
        final List<DeviceAnswers.CommandAnswer> commands = new ArrayList<>();
        final List<DeviceAnswers.ConfigReport> configs = new ArrayList<>();
        final List<DeviceAnswers.UpdateReport> updates = new ArrayList<>();

        boolean isEmpty() {
            return commands.isEmpty() && configs.isEmpty() && updates.isEmpty();
        }

        DeviceAnswers snapshot() {
            return new DeviceAnswers(commands, configs, updates);
        }
    }
}
