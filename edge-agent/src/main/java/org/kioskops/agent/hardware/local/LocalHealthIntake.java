package org.kioskops.agent.hardware.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.kioskops.agent.hardware.HealthStation;
import org.kioskops.protocol.DeviceEvent;
import org.kioskops.protocol.HealthKind;
import org.kioskops.protocol.Inventory;
import org.kioskops.protocol.TelemetrySample;
import org.kioskops.protocol.WireEnum;

/**
 * A {@link HealthStation} fed by the kiosk's own health application, which posts each finished check to
 * the agent on the box's loopback interface ({@code POST /health/checks}, see docs/agent.md), and by
 * measuring devices on serial ports ({@code SerialHealthDevice}). The agent
 * checks every reading against the contract (known device, kind, unit, plausible range) before it takes
 * any of a check, so that the hub never receives half a check; a refused check is counted and answered
 * with the reason.
 */
public final class LocalHealthIntake implements HealthStation {
    /** Larger than any real check: the health application posts a handful of readings at a time. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    private static final int MAX_READINGS = 32;
    /** A device's clock may be off, but a check from the future or older than a day is a mistake. */
    private static final Duration MAX_AGE = Duration.ofDays(1);
    private static final Duration MAX_AHEAD = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Inventory.HealthDevice> devices = new LinkedHashMap<>();
    private final Clock clock;
    private final List<TelemetrySample.HealthReading> pending = new ArrayList<>();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private volatile Consumer<DeviceEvent> sink;

    public LocalHealthIntake(List<Inventory.HealthDevice> devices, Clock clock) {
        devices.forEach(d -> this.devices.put(d.id(), d));
        this.clock = clock;
    }

    @Override
    public List<Inventory.HealthDevice> describe() {
        return List.copyOf(devices.values());
    }

    @Override
    public synchronized List<TelemetrySample.HealthReading> drainReadings() {
        List<TelemetrySample.HealthReading> drained = List.copyOf(pending);
        pending.clear();
        return drained;
    }

    @Override
    public void onEvent(Consumer<DeviceEvent> sink) {
        this.sink = sink;
    }

    /** Checks accepted and refused since start. */
    public long accepted() {
        return accepted.get();
    }

    public long refused() {
        return refused.get();
    }

    /** The outcome of one posted check: accepted with its reading count, or refused with an HTTP status and why. */
    public record Outcome(int status, String message, int readings) {
    }

    /** Takes one check as posted by the health application. */
    public Outcome post(byte[] body) {
        Outcome outcome = parse(body);
        (outcome.status() == 202 ? accepted : refused).incrementAndGet();
        return outcome;
    }

    private Outcome parse(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            return new Outcome(413, "a check is at most " + MAX_BODY_BYTES + " bytes", 0);
        }
        JsonNode check;
        try {
            check = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new Outcome(400, "not JSON: " + e.getOriginalMessage(), 0);
        } catch (IOException e) {
            return new Outcome(400, "not JSON: " + e.getMessage(), 0);
        }
        if (check == null || !check.isObject()) {
            return new Outcome(400, "a check is a JSON object", 0);
        }
        String deviceId = check.path("device").asText(null);
        if (deviceId == null || !check.path("device").isTextual()) {
            return new Outcome(400, "device: required, the id of a configured health device", 0);
        }
        if (!devices.containsKey(deviceId)) {
            return new Outcome(404, "device: '" + deviceId + "' is not configured; known: " + devices.keySet(), 0);
        }
        Instant now = clock.instant();
        Instant measuredAt = now;
        if (check.hasNonNull("measuredAt")) {
            try {
                measuredAt = Instant.parse(check.path("measuredAt").asText());
            } catch (DateTimeParseException e) {
                return new Outcome(400, "measuredAt: not an ISO-8601 instant such as 2026-11-28T08:00:00Z", 0);
            }
            if (measuredAt.isAfter(now.plus(MAX_AHEAD)) || measuredAt.isBefore(now.minus(MAX_AGE))) {
                return new Outcome(400, "measuredAt: more than 5 minutes ahead or a day behind the box's clock", 0);
            }
        }
        JsonNode readings = check.path("readings");
        if (!readings.isArray()) {
            return new Outcome(400, "readings: 1 to " + MAX_READINGS + " readings", 0);
        }
        List<Reading> raw = new ArrayList<>(readings.size());
        for (JsonNode r : readings) {
            raw.add(new Reading(r.path("kind").asText(""), r.path("value").isNumber() ? r.path("value").asDouble() : null,
                    r.hasNonNull("unit") ? r.path("unit").asText() : null));
        }
        return take(deviceId, measuredAt, raw);
    }

    /** One reading as a source gave it, before validation; {@code value} null when it was not a number. */
    public record Reading(String kind, Double value, String unit) {
    }

    /**
     * Takes one check from any source (the HTTP intake, a serial measuring device): all its readings are
     * valid and taken, or none is; counted either way.
     */
    public Outcome submit(String deviceId, Instant measuredAt, List<Reading> readings) {
        Outcome outcome = devices.containsKey(deviceId) ? take(deviceId, measuredAt, readings)
                : new Outcome(404, "device: '" + deviceId + "' is not configured", 0);
        (outcome.status() == 202 ? accepted : refused).incrementAndGet();
        return outcome;
    }

    private Outcome take(String deviceId, Instant measuredAt, List<Reading> readings) {
        if (readings.isEmpty() || readings.size() > MAX_READINGS) {
            return new Outcome(400, "readings: 1 to " + MAX_READINGS + " readings", 0);
        }
        List<TelemetrySample.HealthReading> taken = new ArrayList<>();
        for (int i = 0; i < readings.size(); i++) {
            Reading r = readings.get(i);
            String at = "readings[" + i + "]";
            HealthKind kind = WireEnum.fromWire(HealthKind.class, r.kind()).orElse(null);
            if (kind == null) {
                return new Outcome(400, at + ".kind: one of " + Arrays.stream(HealthKind.values()).map(HealthKind::wire).toList(), 0);
            }
            if (r.value() == null) {
                return new Outcome(400, at + ".value: a number in " + kind.unit(), 0);
            }
            double value = r.value();
            if (value < kind.min() || value > kind.max()) {
                return new Outcome(400, at + ".value: " + value + " " + kind.unit() + " is outside " + kind.min() + " to " + kind.max(), 0);
            }
            if (r.unit() != null && !kind.unit().equals(r.unit())) {
                return new Outcome(400, at + ".unit: " + kind.wire() + " is reported in " + kind.unit(), 0);
            }
            taken.add(new TelemetrySample.HealthReading(deviceId, kind, value, kind.unit(), measuredAt));
        }
        synchronized (this) {
            pending.addAll(taken);
        }
        Consumer<DeviceEvent> current = sink;
        if (current != null) {
            current.accept(DeviceEvent.healthCheckDone(measuredAt, deviceId));
        }
        return new Outcome(202, "accepted", taken.size());
    }
}
