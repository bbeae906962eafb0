package org.kioskops.hub.support;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.kioskops.protocol.Birth;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.EventBatch;
import org.kioskops.protocol.EventType;
import org.kioskops.protocol.Heartbeat;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.ScreenState;
import org.kioskops.protocol.Status;
import org.kioskops.protocol.TelemetryBatch;
import org.kioskops.protocol.TelemetrySample;
import org.kioskops.testing.MqttProbe;

/** Contract messages of one hand-driven device, published the way a third-party device would. */
public final class DeviceMessages {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private final String deviceId;
    private final MqttProbe mqtt;
    private long seq;
    private long session;
    private Instant clock = Instant.parse("2026-11-28T08:00:00Z");

    /** @param mqtt where {@link #publish} sends; null for a device whose messages the test sends another way (CoAP) */
    public DeviceMessages(String deviceId, MqttProbe mqtt) {
        this.deviceId = deviceId;
        this.mqtt = mqtt;
    }

    private Instant tick() {
        clock = clock.plusSeconds(1);
        return clock;
    }

    /** Connects: reserves the will's number, publishes birth (one bank of {@code compartments}) and online. */
    public DeviceMessages connect(int compartments) {
        publish(birth(compartments));
        publish(new Status(DeviceMessage.VERSION, deviceId, seq++, tick(), session, Status.ConnectionState.ONLINE, null));
        return this;
    }

    /** The birth of a new connection (one bank of {@code compartments}), for a transport of the test's choice. */
    public Birth birth(int compartments) {
        session = seq++;
        return new Birth(DeviceMessage.VERSION, deviceId, seq++, tick(), session, "epoch-1", "test", "test-box", null,
                new Inventory(new Inventory.Screen(null, null), List.of(new Inventory.LockerBank("A", compartments, null)),
                        List.of(), List.of()));
    }

    /**
     * Connects as an agent of contract 1.1 does: its birth tells when the box booted, when the agent started,
     * how the agent's last run ended and the keep-alive of this connection.
     */
    public DeviceMessages connect(Instant bootedAt, Instant startedAt, Birth.LastStop lastStop, int keepAliveSeconds) {
        session = seq++;
        publish(new Birth(DeviceMessage.VERSION, deviceId, seq++, tick(), session, "epoch-1", "test", "test-box", bootedAt,
                new Inventory(null, List.of(), List.of(), List.of()), startedAt, lastStop, keepAliveSeconds));
        publish(new Status(DeviceMessage.VERSION, deviceId, seq++, tick(), session, Status.ConnectionState.ONLINE, null));
        return this;
    }

    /** The will of the current connection, as the broker publishes it when the connection dies. */
    public DeviceMessages loseConnection() {
        return publish(new Status(DeviceMessage.VERSION, deviceId, session, tick(), session, Status.ConnectionState.OFFLINE,
                Status.StatusReason.CONNECTION_LOST));
    }

    /** The offline status an agent publishes before a clean disconnect. */
    public DeviceMessages stop(Status.StatusReason reason) {
        return publish(new Status(DeviceMessage.VERSION, deviceId, seq++, tick(), session, Status.ConnectionState.OFFLINE, reason));
    }

    public DeviceMessages heartbeat() {
        return publish(new Heartbeat(DeviceMessage.VERSION, deviceId, seq++, tick(), session));
    }

    /** A telemetry sample with the given occupied compartments of bank A. */
    public TelemetryBatch telemetry(int compartments, int... occupied) {
        List<TelemetrySample.CompartmentReading> readings = new ArrayList<>();
        for (int no = 1; no <= compartments; no++) {
            final int n = no;
            readings.add(new TelemetrySample.CompartmentReading(no, Arrays.stream(occupied).anyMatch(o -> o == n), false));
        }
        return new TelemetryBatch(DeviceMessage.VERSION, deviceId, seq++, tick(), List.of(new TelemetrySample(clock, 100L,
                new TelemetrySample.ScreenReading(ScreenState.ON, 70),
                List.of(new TelemetrySample.LockerBankReading("A", readings)), null, null)));
    }

    public EventBatch fault(String component, String code) {
        return new EventBatch(DeviceMessage.VERSION, deviceId, seq++, tick(),
                List.of(DeviceEvent.fault(clock, EventType.FAULT_RAISED, component, code, "test fault")));
    }

    /** Skips {@code n} sequence numbers, as if those messages were lost. */
    /** Stamps the following messages from {@code now} on, one second apart. */
    public DeviceMessages at(Instant now) {
        clock = now;
        return this;
    }

    public DeviceMessages skip(int n) {
        seq += n;
        return this;
    }

    public long nextSeq() {
        return seq;
    }

    public DeviceMessages publish(DeviceMessage message) {
        mqtt.publish(message.topic(), CODEC.encode(message), message.kind().retained());
        return this;
    }

    public static byte[] encode(DeviceMessage message) {
        return CODEC.encode(message);
    }
}
