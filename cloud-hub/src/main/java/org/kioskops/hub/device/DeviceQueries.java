package org.kioskops.hub.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteNode;

/**
 * Reads the registry and the devices' reported state for people: pages of devices by site and status, one
 * device's details, its availability, events and health measurements. Read-only; {@link DeviceService} changes
 * the registry.
 */
@ApplicationScoped
public class DeviceQueries {
    public static final int MAX_PAGE = 1000;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Devices under a site subtree and/or with a status, ordered by id. */
    @Transactional
    public DeviceViews.Page list(String siteId, String status, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_PAGE) {
            throw new HubException(DeviceError.INVALID_FILTER, "offset must be >= 0 and limit 1 to " + MAX_PAGE);
        }
        StringBuilder where = new StringBuilder("select d from Device d left join DeviceState s on s.deviceId = d.id where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (siteId != null) {
            SiteNode site = SiteNode.findById(siteId);
            if (site == null) {
                throw new HubException(DeviceError.INVALID_FILTER, "no site '" + siteId + "'");
            }
            where.append(" and d.siteId in (select n.id from SiteNode n where n.path like :prefix)");
            params.put("prefix", site.path + "%");
        }
        if (status != null) {
            DeviceStatusFilter filter = DeviceStatusFilter.fromWire(status).orElseThrow(() -> new HubException(
                    DeviceError.INVALID_FILTER, "status must be online, offline, never_seen, pending, rejected or faulty"));
            switch (filter) {
                case ONLINE, OFFLINE -> {
                    where.append(" and s.connection = :connection and d.registration <> :rejected");
                    params.put("connection", Connection.valueOf(filter.name()));
                    params.put("rejected", Registration.REJECTED);
                }
                case NEVER_SEEN -> {
                    where.append(" and (s.connection is null or s.connection = :connection) and d.registration <> :rejected");
                    params.put("connection", Connection.NEVER_SEEN);
                    params.put("rejected", Registration.REJECTED);
                }
                case PENDING, REJECTED -> {
                    where.append(" and d.registration = :registration");
                    params.put("registration", Registration.valueOf(filter.name()));
                }
                case FAULTY -> where.append(" and d.id in (select f.deviceId from DeviceFault f where f.clearedAt is null)");
            }
        }
        var query = Device.<Device>find(where + " order by d.id", params);
        long total = query.count();
        List<Device> devices = query.range(offset, offset + limit - 1).list();
        return new DeviceViews.Page(total, offset, limit, summaries(devices));
    }

    /** Everything about one device. */
    @Transactional
    public Optional<DeviceViews.Details> details(String id) {
        Device d = Device.findById(id);
        if (d == null) {
            return Optional.empty();
        }
        DeviceState s = DeviceState.<DeviceState>findByIdOptional(id).orElseGet(DeviceState::new);
        Map<String, List<DeviceViews.CompartmentState>> banks = new LinkedHashMap<>();
        for (Compartment c : Compartment.ofDevice(id)) {
            banks.computeIfAbsent(c.bank, b -> new ArrayList<>())
                    .add(new DeviceViews.CompartmentState(c.no, c.occupied, c.doorOpen, c.changedAt, c.reportedAt));
        }
        List<DeviceViews.Bank> lockers = banks.entrySet().stream()
                .map(e -> new DeviceViews.Bank(e.getKey(), List.copyOf(e.getValue()))).toList();
        return Optional.of(new DeviceViews.Details(
                summaries(List.of(d)).get(0),
                d.registeredModel, s.reportedModel, s.session, s.bootedAt, s.firstSeenAt, s.lastDeviceTs, s.keepAliveSeconds,
                s.clockSkewMs,
                new DeviceViews.Telemetry(s.telemetryAt, s.uptimeSeconds, s.screenState, s.screenBrightness, s.cpuTempC,
                        s.memUsedBytes, s.memTotalBytes, s.diskUsedBytes, s.diskTotalBytes),
                DeviceComponent.ofDevice(id).stream()
                        .map(c -> new DeviceViews.Component(c.componentId, c.kind, c.model, c.size)).toList(),
                lockers,
                HealthReadingEntity.ofDevice(id).stream()
                        .map(h -> new DeviceViews.Health(h.kind, h.source, h.reading, h.unit, h.measuredAt)).toList(),
                DeviceFault.activeOf(id).stream()
                        .map(f -> new DeviceViews.Fault(f.component, f.code, f.detail, f.raisedAt)).toList(),
                new DeviceViews.Sequence(s.seqEpoch, s.seqHighest, s.seqReceived, s.seqMissing, s.seqMissingRanges,
                        s.seqGapsDetected, s.seqRecovered, s.seqDuplicates, s.seqResets)));
    }

    /** A device's online and offline periods in [from, to) (default: the last 7 days), with their causes. */
    @Transactional
    public Availability availability(String id, Instant from, Instant to) {
        require(id);
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : from;
        if (!start.isBefore(end)) {
            throw new HubException(DeviceError.INVALID_FILTER, "from must be before to");
        }
        AvailabilityChange before = AvailabilityChange.<AvailabilityChange>find(
                "deviceId = ?1 and changedAt < ?2 order by changedAt desc, id desc", id, start).firstResult();
        List<Availability.Change> changes = AvailabilityChange.<AvailabilityChange>list(
                "deviceId = ?1 and changedAt >= ?2 and changedAt < ?3 order by changedAt, id", id, start, end).stream()
                .map(DeviceQueries::change).toList();
        return Availability.of(id, start, end, before == null ? null : change(before), changes);
    }

    private static Availability.Change change(AvailabilityChange c) {
        return new Availability.Change(c.changedAt, c.connection, c.cause);
    }

    /** Events of a device in [from, to), optionally of one type, newest first. */
    @Transactional
    public List<DeviceViews.Event> events(String id, Instant from, Instant to, String type, int limit) {
        require(id);
        StringBuilder query = new StringBuilder("deviceId = :id");
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        if (from != null) {
            query.append(" and occurredAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            query.append(" and occurredAt < :to");
            params.put("to", to);
        }
        if (type != null) {
            query.append(" and type = :type");
            params.put("type", type);
        }
        return StoredEvent.<StoredEvent>find(query + " order by occurredAt desc, id desc", params)
                .page(0, Math.max(1, Math.min(limit, MAX_PAGE))).stream()
                .map(e -> new DeviceViews.Event(e.seq, e.occurredAt, e.type, e.bank, e.compartment, e.sessionId,
                        e.healthDevice, e.component, e.code, e.detail))
                .toList();
    }

    /** Health-station measurements of a device in [from, to), optionally of one kind, newest first. */
    @Transactional
    public List<DeviceViews.Measurement> healthMeasurements(String id, Instant from, Instant to, String kind, int limit) {
        require(id);
        StringBuilder query = new StringBuilder("deviceId = :id");
        Map<String, Object> params = new HashMap<>();
        params.put("id", id);
        if (from != null) {
            query.append(" and measuredAt >= :from");
            params.put("from", from);
        }
        if (to != null) {
            query.append(" and measuredAt < :to");
            params.put("to", to);
        }
        if (kind != null) {
            query.append(" and kind = :kind");
            params.put("kind", kind);
        }
        return HealthMeasurementEntity.<HealthMeasurementEntity>find(query + " order by measuredAt desc", params)
                .page(0, Math.max(1, Math.min(limit, MAX_PAGE))).stream()
                .map(m -> new DeviceViews.Measurement(m.measuredAt, m.kind, m.reading, m.unit, m.source, m.seq))
                .toList();
    }

    /** The summaries of these devices, in their order. */
    List<DeviceViews.Summary> summaries(List<Device> devices) {
        if (devices.isEmpty()) {
            return List.of();
        }
        List<String> ids = devices.stream().map(d -> d.id).toList();
        Map<String, long[]> lockers = new HashMap<>();
        for (Object[] row : em.createQuery("select c.deviceId, count(c), sum(case when c.occupied = true then 1 else 0 end) "
                + "from Compartment c where c.deviceId in :ids group by c.deviceId", Object[].class)
                .setParameter("ids", ids).getResultList()) {
            lockers.put((String) row[0], new long[] {(Long) row[1], row[2] == null ? 0 : ((Number) row[2]).longValue()});
        }
        Map<String, Long> faults = new HashMap<>();
        for (Object[] row : em.createQuery("select f.deviceId, count(f) from DeviceFault f "
                + "where f.deviceId in :ids and f.clearedAt is null group by f.deviceId", Object[].class)
                .setParameter("ids", ids).getResultList()) {
            faults.put((String) row[0], (Long) row[1]);
        }
        Map<String, DeviceState> states = new HashMap<>();
        DeviceState.<DeviceState>list("deviceId in ?1", ids).forEach(s -> states.put(s.deviceId, s));
        List<DeviceViews.Summary> summaries = new ArrayList<>(devices.size());
        for (Device d : devices) {
            long[] l = lockers.getOrDefault(d.id, new long[2]);
            DeviceState s = states.getOrDefault(d.id, new DeviceState());
            summaries.add(new DeviceViews.Summary(d.id, d.siteId, d.registration,
                    s.connection == null ? Connection.NEVER_SEEN : s.connection, s.offlineReason, s.connectionSince,
                    s.lastSeenAt, d.registeredModel != null ? d.registeredModel : s.reportedModel, s.agentVersion,
                    s.screenState, (int) l[0], (int) l[1], faults.getOrDefault(d.id, 0L).intValue()));
        }
        return summaries;
    }

    private static void require(String id) {
        if (Device.findById(id) == null) {
            throw new HubException(DeviceError.DEVICE_NOT_FOUND, "no device '" + id + "'");
        }
    }
}
