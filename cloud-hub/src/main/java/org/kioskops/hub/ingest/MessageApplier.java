package org.kioskops.hub.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.kioskops.hub.device.Registration;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.CommandResult;
import org.kioskops.protocol.ConfigState;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.EventBatch;
import org.kioskops.protocol.Heartbeat;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.UpdateStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one decoded message to a device held in memory: admits the device (or registers it as pending,
 * or refuses it), recognises redeliveries by sequence number, keeps the sequence bookkeeping, and
 * projects the message onto the device's state. The rows to write are collected in {@link BatchWrites}.
 */
final class MessageApplier {
    private static final Logger LOG = LoggerFactory.getLogger(MessageApplier.class);

    private final RegistryConfig registry;

    MessageApplier(RegistryConfig registry) {
        this.registry = registry;
    }

    /** What became of a message. */
    sealed interface Result permits Accepted, Duplicate, Refused {
    }

    /** Applied; {@code missing}/{@code gapsDetected} are the device's sequence counts afterwards. */
    record Accepted(String deviceId, long missing, long gapsDetected) implements Result {
    }

    /** Already applied before (a redelivery, or a retained message replayed to a new subscription). */
    record Duplicate(String deviceId, long seq, boolean retainedReplay) implements Result {
    }

    /** Valid by the contract but refused by the hub. */
    record Refused(IngestError error, String detail) implements Result {
    }

    /**
     * @param known        the device if the registry knows it, else null
     * @param pendingCount how many devices are pending now (asked only for an unknown device)
     * @param created      receives a device registered as pending by this message
     */
    Result apply(LiveDevice known, DeviceMessage message, boolean retained, Instant receivedAt, Map<String, String> place,
                 BatchWrites writes, LongSupplier pendingCount, Consumer<LiveDevice> created) {
        LiveDevice device = known;
        if (device == null) {
            if (registry.unknownDevices() == RegistryConfig.UnknownDevicePolicy.REJECT) {
                return new Refused(IngestError.UNKNOWN_DEVICE, "device is not registered");
            }
            if (pendingCount.getAsLong() >= registry.maxPending()) {
                return new Refused(IngestError.PENDING_LIMIT, registry.maxPending() + " devices are already pending");
            }
            device = new LiveDevice(message.deviceId());
            device.registration = Registration.PENDING;
            device.urgent = true;
            created.accept(device);
            LOG.info("{} is not registered: kept as pending until an operator accepts or rejects it", device.id);
        }
        if (device.registration == Registration.REJECTED) {
            return new Refused(IngestError.DEVICE_REJECTED, "an operator rejected this device");
        }
        if (message instanceof Birth birth && birth.epoch() != null && !birth.epoch().equals(device.seqEpoch)) {
            if (device.seqEpoch != null) {
                device.tracker.reset();
                device.seqResets++;
                LOG.info("{} restarted its sequence numbering (epoch {} -> {})", device.id, device.seqEpoch, birth.epoch());
            }
            device.seqEpoch = birth.epoch();
            writes.urgent(device);
        }
        if (isWill(message)) {
            // reserved when its connection began, so "seen" already; applying it again changes nothing
            device.tracker.reserve(message.seq());
        } else if (retained && device.tracker.seen(message.seq())) {
            return new Duplicate(device.id, message.seq(), true);
        } else {
            if (message instanceof Birth birth) {
                // the will's number first: below the birth's, it is a reservation, never a gap
                device.tracker.reserve(birth.session());
            }
            if (device.tracker.observe(message.seq()) == SequenceTracker.Outcome.DUPLICATE) {
                writes.touched(device);
                return new Duplicate(device.id, message.seq(), false);
            }
        }
        if (!(message instanceof TelemetryBatch) && !(message instanceof EventBatch)) {
            // after a crash the sequence counts are rebuilt from stored telemetry and events only; any other kind
            // must reach the state row with its batch, or its number would later look missing
            writes.urgent(device);
        }
        device.lastSeenAt = receivedAt;
        if (device.firstSeenAt == null) {
            device.firstSeenAt = receivedAt;
        }
        if (device.lastDeviceTs == null || message.ts().isAfter(device.lastDeviceTs)) {
            device.lastDeviceTs = message.ts();
        }
        device.updatedAt = receivedAt;
        writes.touched(device);
        project(device, message, receivedAt, place, writes);
        return new Accepted(device.id, device.tracker.missing(), device.tracker.gapsDetected());
    }

    private static void project(LiveDevice device, DeviceMessage message, Instant receivedAt, Map<String, String> place,
                                BatchWrites writes) {
        if (message instanceof Birth birth) {
            IngestProjector.birth(device, birth, receivedAt, writes);
        } else if (message instanceof Status status) {
            IngestProjector.status(device, status, receivedAt, writes);
        } else if (message instanceof TelemetryBatch telemetry) {
            IngestProjector.seen(device, receivedAt, writes);
            IngestProjector.telemetry(device, telemetry, place, writes);
        } else if (message instanceof EventBatch events) {
            IngestProjector.seen(device, receivedAt, writes);
            IngestProjector.events(device, events, writes);
        } else if (message instanceof Heartbeat heartbeat && (device.session == null || heartbeat.session() >= device.session)) {
            IngestProjector.seen(device, receivedAt, writes);
        } else if (message instanceof CommandResult result) {
            IngestProjector.seen(device, receivedAt, writes);
            writes.answers.commands.add(new DeviceAnswers.CommandAnswer(device.id, result.commandId(), result.state().name(), result.detail(),
                    result.data().isEmpty() ? null : json(result.data()), receivedAt));
        } else if (message instanceof UpdateStatus update) {
            IngestProjector.seen(device, receivedAt, writes);
            writes.answers.updates.add(new DeviceAnswers.UpdateReport(device.id, update.deploymentId(), update.state().name(), update.running(),
                    update.bytes(), update.code(), update.detail(), receivedAt));
        } else if (message instanceof ConfigState state) {
            IngestProjector.seen(device, receivedAt, writes);
            writes.answers.configs.add(new DeviceAnswers.ConfigReport(device.id, state.version(), state.outcome().wire(), state.reason(),
                    state.active(), state.ts()));
        }
    }

    private static final ObjectMapper DATA = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private static String json(Map<String, String> data) {
        try {
            return DATA.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always serialisable", e);
        }
    }

    /** The will carries the number its connection reserved. */
    private static boolean isWill(DeviceMessage message) {
        return message instanceof Status s && s.reason() == Status.StatusReason.CONNECTION_LOST && s.seq() == s.session();
    }
}
