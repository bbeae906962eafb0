package org.kioskops.hub.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import org.kioskops.hub.config.HubConfig;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.DeviceStateProjector;
import org.kioskops.hub.device.Registration;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.EventBatch;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.TelemetryBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one decoded message inside the caller's transaction: admits the device (or registers it as
 * pending, or refuses it), stores the message once per sequence number, keeps the sequence bookkeeping,
 * and projects the message onto the device's latest state.
 */
@ApplicationScoped
public class MessageApplier {
    private static final Logger LOG = LoggerFactory.getLogger(MessageApplier.class);

    private final HubConfig.Registry registry;
    private final DeviceStateProjector projector;

    @Inject
    public MessageApplier(HubConfig config, DeviceStateProjector projector) {
        this.registry = config.registry();
        this.projector = projector;
    }

    /** What became of a message. */
    sealed interface Result permits Accepted, Duplicate, Refused {
    }

    /** Stored; {@code missing}/{@code gapsDetected} are the device's sequence counts afterwards. */
    record Accepted(String deviceId, long missing, long gapsDetected) implements Result {
    }

    /** Already stored before (a redelivery). */
    record Duplicate(boolean retainedReplay) implements Result {
    }

    /** Valid by the contract but refused by the hub. */
    record Refused(IngestError error, String detail) implements Result {
    }

    Result apply(DeviceMessage message, boolean retained, Instant receivedAt) {
        String deviceId = message.deviceId();
        Device device = Device.findById(deviceId);
        if (device == null) {
            if (registry.unknownDevices() == HubConfig.UnknownDevicePolicy.REJECT) {
                return new Refused(IngestError.UNKNOWN_DEVICE, "device is not registered");
            }
            if (Device.countPending() >= registry.maxPending()) {
                return new Refused(IngestError.PENDING_LIMIT, registry.maxPending() + " devices are already pending");
            }
            device = newPendingDevice(deviceId, receivedAt);
            LOG.info("{} is not registered: kept as pending until an operator accepts or rejects it", deviceId);
        }
        if (device.registration == Registration.REJECTED) {
            return new Refused(IngestError.DEVICE_REJECTED, "an operator rejected this device");
        }
        SequenceTracker tracker = new SequenceTracker(device.seqHighest, device.seqMissingRanges, device.seqGapsDetected,
                device.seqRecovered, device.seqDuplicates, device.seqReceived);
        if (message instanceof Birth birth && birth.epoch() != null && !birth.epoch().equals(device.seqEpoch)) {
            if (device.seqEpoch != null) {
                long forgotten = IngestedMessage.forget(deviceId);
                tracker.reset();
                device.seqResets++;
                LOG.info("{} restarted its sequence numbering (epoch {} -> {}); forgot {} stored numbers",
                        deviceId, device.seqEpoch, birth.epoch(), forgotten);
            }
            device.seqEpoch = birth.epoch();
        }
        if (IngestedMessage.exists(deviceId, message.seq())) {
            if (!retained) {
                tracker.observe(message.seq());
                write(tracker, device);
            }
            return new Duplicate(retained);
        }
        record(message, receivedAt);
        if (isWill(message)) {
            tracker.reserve(message.seq());
        } else {
            tracker.observe(message.seq());
        }
        if (message instanceof Birth birth) {
            tracker.reserve(birth.session());
        }
        write(tracker, device);
        device.lastSeenAt = receivedAt;
        if (device.firstSeenAt == null) {
            device.firstSeenAt = receivedAt;
        }
        if (device.lastDeviceTs == null || message.ts().isAfter(device.lastDeviceTs)) {
            device.lastDeviceTs = message.ts();
        }
        device.updatedAt = receivedAt;
        project(device, message, receivedAt);
        return new Accepted(deviceId, device.seqMissing, device.seqGapsDetected);
    }

    private void project(Device device, DeviceMessage message, Instant receivedAt) {
        if (message instanceof Birth birth) {
            projector.birth(device, birth, receivedAt);
        } else if (message instanceof Status status) {
            projector.status(device, status, receivedAt);
        } else if (message instanceof TelemetryBatch telemetry) {
            projector.seen(device, receivedAt);
            projector.telemetry(device, telemetry);
        } else if (message instanceof EventBatch events) {
            projector.seen(device, receivedAt);
            projector.events(device, events);
        }
    }

    /** The will carries the number its connection reserved, already accounted for by the birth. */
    private static boolean isWill(DeviceMessage message) {
        return message instanceof Status s && s.reason() == Status.StatusReason.CONNECTION_LOST && s.seq() == s.session();
    }

    private static void record(DeviceMessage message, Instant receivedAt) {
        IngestedMessage ledger = new IngestedMessage();
        ledger.deviceId = message.deviceId();
        ledger.seq = message.seq();
        ledger.kind = message.kind().segment();
        ledger.receivedAt = receivedAt;
        ledger.persist();
    }

    private static void write(SequenceTracker tracker, Device device) {
        device.seqHighest = tracker.highest();
        device.seqMissing = tracker.missing();
        device.seqMissingRanges = tracker.ranges();
        device.seqGapsDetected = tracker.gapsDetected();
        device.seqRecovered = tracker.recovered();
        device.seqDuplicates = tracker.duplicates();
        device.seqReceived = tracker.received();
    }

    private static Device newPendingDevice(String deviceId, Instant now) {
        Device device = new Device();
        device.id = deviceId;
        device.registration = Registration.PENDING;
        device.connection = Connection.NEVER_SEEN;
        device.firstSeenAt = now;
        device.createdAt = now;
        device.updatedAt = now;
        device.persist();
        return device;
    }
}
