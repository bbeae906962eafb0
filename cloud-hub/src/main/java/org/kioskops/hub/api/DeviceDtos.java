package org.kioskops.hub.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.kioskops.hub.device.Availability;
import org.kioskops.hub.device.DeviceViews;
import org.kioskops.hub.site.SiteView;

/** Request and response bodies of {@code /api/devices}. */
public final class DeviceDtos {
    private DeviceDtos() {
    }

    /** Body of {@code PUT /api/devices/{id}} and {@code POST /api/devices/{id}/accept}. */
    public record DeviceRequest(String siteId, String hardwareModel) {
    }

    /**
     * A device in a list.
     *
     * @param registration registered, pending or rejected
     * @param connection   online, offline or never_seen
     */
    public record DeviceSummary(String id, String siteId, String registration, String connection, String offlineReason,
                                Instant connectionSince, Instant lastSeenAt, String model, String agentVersion,
                                String screenState, int compartments, int occupied, int activeFaults) {
        static DeviceSummary of(DeviceViews.Summary s) {
            return new DeviceSummary(s.id(), s.siteId(), lower(s.registration()), lower(s.connection()), s.offlineReason(),
                    s.connectionSince(), s.lastSeenAt(), s.model(), s.agentVersion(), s.screenState(), s.compartments(),
                    s.occupied(), s.activeFaults());
        }
    }

    /** One page of devices and the number matching the filter. */
    public record DevicePage(long total, int offset, int limit, List<DeviceSummary> items) {
        static DevicePage of(DeviceViews.Page p) {
            return new DevicePage(p.total(), p.offset(), p.limit(), p.items().stream().map(DeviceSummary::of).toList());
        }
    }

    /** A site on the path from the city down to the device's site. */
    public record SiteRef(String id, String kind, String name) {
        static SiteRef of(SiteView v) {
            return new SiteRef(v.id(), v.kind().wire(), v.name());
        }
    }

    /** Latest state of one device, with every locker compartment. */
    public record DeviceDetails(
            DeviceSummary device,
            List<SiteRef> site,
            String registeredModel,
            String reportedModel,
            Long session,
            Instant bootedAt,
            Instant firstSeenAt,
            Instant lastDeviceTs,
            Integer keepAliveSeconds,
            Long clockSkewMs,
            Telemetry telemetry,
            List<Component> components,
            List<Bank> lockers,
            List<Health> health,
            List<Fault> faults,
            Sequence sequence) {
        static DeviceDetails of(DeviceViews.Details d, List<SiteView> ancestry) {
            DeviceViews.Telemetry t = d.telemetry();
            DeviceViews.Sequence q = d.sequence();
            return new DeviceDetails(DeviceSummary.of(d.summary()), ancestry.stream().map(SiteRef::of).toList(),
                    d.registeredModel(), d.reportedModel(), d.session(), d.bootedAt(), d.firstSeenAt(), d.lastDeviceTs(),
                    d.keepAliveSeconds(), d.clockSkewMs(),
                    new Telemetry(t.at(), t.uptimeSeconds(), t.screenState(), t.screenBrightness(), t.cpuTempC(),
                            t.memUsedBytes(), t.memTotalBytes(), t.diskUsedBytes(), t.diskTotalBytes()),
                    d.components().stream().map(c -> new Component(c.id(), c.kind(), c.model(), c.size())).toList(),
                    d.lockers().stream().map(b -> new Bank(b.bank(), b.compartments().stream()
                            .map(c -> new Compartment(c.no(), c.occupied(), c.doorOpen(), c.changedAt(), c.reportedAt()))
                            .toList())).toList(),
                    d.health().stream().map(h -> new Health(h.kind(), h.source(), h.value(), h.unit(), h.measuredAt())).toList(),
                    d.faults().stream().map(f -> new Fault(f.component(), f.code(), f.detail(), f.raisedAt())).toList(),
                    new Sequence(q.epoch(), q.highest(), q.received(), q.missing(), q.missingRanges(), q.gapsDetected(),
                            q.recovered(), q.duplicates(), q.resets()));
        }
    }

    /** Latest vitals; {@code at} is the device time of the sample they come from. */
    public record Telemetry(Instant at, Long uptimeSeconds, String screenState, Integer screenBrightness, Double cpuTempC,
                            Long memUsedBytes, Long memTotalBytes, Long diskUsedBytes, Long diskTotalBytes) {
    }

    /** A component from the device's latest birth; {@code size} is compartments for a locker bank. */
    public record Component(String id, String kind, String model, Integer size) {
    }

    /** A locker bank with every compartment. */
    public record Bank(String bank, List<Compartment> compartments) {
    }

    /** A compartment; {@code reportedAt} null means the device has not reported it yet. */
    public record Compartment(int no, boolean occupied, boolean doorOpen, Instant changedAt, Instant reportedAt) {
    }

    /** The latest reading of one health measurement kind. */
    public record Health(String kind, String source, double value, String unit, Instant measuredAt) {
    }

    /** A fault the device raised and has not cleared. */
    public record Fault(String component, String code, String detail, Instant raisedAt) {
    }

    /**
     * Sequence bookkeeping: {@code missing} numbers not (yet) received below {@code highest}, listed in
     * {@code missingRanges}; {@code recovered} arrived late; {@code duplicates} arrived twice.
     */
    public record Sequence(String epoch, Long highest, long received, long missing, String missingRanges,
                           long gapsDetected, long recovered, long duplicates, long resets) {
    }

    /** One device event. */
    public record Event(long seq, Instant at, String type, String bank, Integer compartment, String session,
                        String healthDevice, String component, String code, String detail) {
        static Event of(DeviceViews.Event e) {
            return new Event(e.seq(), e.at(), e.type(), e.bank(), e.compartment(), e.session(), e.healthDevice(),
                    e.component(), e.code(), e.detail());
        }
    }

    /**
     * A device's availability over a window.
     *
     * @param availability online time divided by known time (0 to 1), or null when nothing is known
     * @param unknownSeconds time in the window before the first known change
     */
    public record AvailabilityDto(String deviceId, Instant from, Instant to, long onlineSeconds, long offlineSeconds,
                                  long unknownSeconds, Double availability, List<PeriodDto> periods) {
        static AvailabilityDto of(Availability a) {
            long online = a.online().toSeconds();
            long offline = a.offline().toSeconds();
            // the parts add up to the window, whatever the rounding
            long unknown = Duration.between(a.from(), a.to()).toSeconds() - online - offline;
            return new AvailabilityDto(a.deviceId(), a.from(), a.to(), online, offline, unknown, a.availability(), a.periods().stream()
                    .map(p -> new PeriodDto(lower(p.connection()), p.cause(), p.from(), p.to())).toList());
        }
    }

    /** One period: {@code online} or {@code offline} with its cause. */
    public record PeriodDto(String connection, String cause, Instant from, Instant to) {
    }

    private static String lower(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }
}
