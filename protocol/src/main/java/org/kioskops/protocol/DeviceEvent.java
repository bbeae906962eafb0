package org.kioskops.protocol;

import java.time.Instant;

/**
 * Something that happened on a kiosk. One flat shape for all {@link EventType}s keeps the wire format easy
 * to write by hand; which of the optional fields are required depends on the type (see {@link EventType}).
 *
 * @param component for faults: {@code screen}, {@code system}, {@code network}, {@code agent},
 *                  {@code locker:{bank}}, {@code locker:{bank}:{no}}, {@code health:{device}} or
 *                  {@code peripheral:{id}}
 * @param code      for faults: a lower-case code such as {@code jammed} or {@code sensor_error}
 * @param detail    optional free text for people
 */
public record DeviceEvent(
        Instant ts,
        EventType type,
        String bank,
        Integer compartment,
        String session,
        String device,
        String component,
        String code,
        String detail) {

    public static DeviceEvent compartment(Instant ts, EventType type, String bank, int compartment) {
        return new DeviceEvent(ts, type, bank, compartment, null, null, null, null, null);
    }

    public static DeviceEvent session(Instant ts, EventType type, String session) {
        return new DeviceEvent(ts, type, null, null, session, null, null, null, null);
    }

    public static DeviceEvent healthCheckDone(Instant ts, String device) {
        return new DeviceEvent(ts, EventType.HEALTH_CHECK_DONE, null, null, null, device, null, null, null);
    }

    public static DeviceEvent fault(Instant ts, EventType type, String component, String code, String detail) {
        return new DeviceEvent(ts, type, null, null, null, null, component, code, detail);
    }
}
