package org.kioskops.agent;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.kioskops.agent.sequence.SequenceStore;
import org.kioskops.agent.uplink.OutboundMessage;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.CommandResult;
import org.kioskops.protocol.ConfigState;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.EventBatch;
import org.kioskops.protocol.Heartbeat;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.TelemetrySample;
import org.kioskops.protocol.UpdateState;
import org.kioskops.protocol.UpdateStatus;

/** Creates this device's contract messages: a fresh sequence number and the device clock on each. */
final class MessageFactory {
    private final String deviceId;
    private final SequenceStore sequence;
    private final Clock clock;
    private final ProtocolCodec codec;
    private final AgentStats stats;

    MessageFactory(String deviceId, SequenceStore sequence, Clock clock, ProtocolCodec codec, AgentStats stats) {
        this.deviceId = deviceId;
        this.sequence = sequence;
        this.clock = clock;
        this.codec = codec;
        this.stats = stats;
    }

    /** Reserves a sequence number for a connection's will; the birth of that connection declares it. */
    OutboundMessage will(long session) {
        return encode(new Status(DeviceMessage.VERSION, deviceId, session, clock.instant(), session,
                Status.ConnectionState.OFFLINE, Status.StatusReason.CONNECTION_LOST));
    }

    /** What a birth says about this run of the agent, beyond its inventory. */
    record RunFacts(String agentVersion, String hardwareModel, Instant bootedAt, Instant startedAt, Birth.LastStop lastStop,
                    int keepAliveSeconds, boolean receipts) {
    }

    OutboundMessage birth(long session, RunFacts run, Inventory inventory) {
        return encode(new Birth(DeviceMessage.VERSION, deviceId, next(), clock.instant(), session, sequence.epoch(),
                run.agentVersion(), run.hardwareModel(), run.bootedAt(), inventory, run.startedAt(), run.lastStop(),
                run.keepAliveSeconds(), run.receipts() ? Boolean.TRUE : null));
    }

    OutboundMessage configState(String version, ConfigState.Outcome outcome, String reason, String active) {
        return encode(new ConfigState(DeviceMessage.VERSION, deviceId, next(), clock.instant(), version, outcome, reason, active));
    }

    OutboundMessage commandResult(long commandId, CommandResult.State state, String detail, Map<String, String> data) {
        return encode(new CommandResult(DeviceMessage.VERSION, deviceId, next(), clock.instant(), commandId, state, detail, data));
    }

    OutboundMessage updateStatus(long deploymentId, UpdateState state, String version, String running, Long bytes,
                                 String code, String detail) {
        return encode(new UpdateStatus(DeviceMessage.VERSION, deviceId, next(), clock.instant(), deploymentId, state,
                version, running, bytes, code, detail));
    }

    OutboundMessage heartbeat(long session) {
        return encode(new Heartbeat(DeviceMessage.VERSION, deviceId, next(), clock.instant(), session));
    }

    OutboundMessage status(long session, Status.ConnectionState state, Status.StatusReason reason) {
        return encode(new Status(DeviceMessage.VERSION, deviceId, next(), clock.instant(), session, state, reason));
    }

    OutboundMessage telemetry(TelemetrySample sample) {
        return encode(new TelemetryBatch(DeviceMessage.VERSION, deviceId, next(), clock.instant(), List.of(sample)));
    }

    OutboundMessage events(List<DeviceEvent> events) {
        return encode(new EventBatch(DeviceMessage.VERSION, deviceId, next(), clock.instant(), events));
    }

    private long next() {
        stats.created.increment();
        return sequence.next();
    }

    private OutboundMessage encode(DeviceMessage message) {
        return OutboundMessage.of(message, codec.encode(message));
    }
}
