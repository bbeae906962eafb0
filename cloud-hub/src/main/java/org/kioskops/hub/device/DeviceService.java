package org.kioskops.hub.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteKind;
import org.kioskops.protocol.Topics;

/**
 * The registry's rules: registering devices on sites (idempotent), accepting or rejecting pending ones, their
 * tags. Every change is announced as a {@link RegistryChanged}; {@link DeviceQueries} reads.
 */
@ApplicationScoped
public class DeviceService {
    private static final int MAX_MODEL = 64;
    private static final int MAX_TAGS = 20;

    private final DeviceRecords records;
    private final Event<RegistryChanged> changes;
    private final AuditLog audit;
    private final Clock clock;

    @Inject
    DeviceService(DeviceRecords records, Event<RegistryChanged> changes, AuditLog audit, Clock clock) {
        this.records = records;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /** Result of an idempotent register; {@code changed} is false when the device was already so registered. */
    public record Upsert(DeviceViews.Summary device, boolean created, boolean changed) {
    }

    /**
     * Registers a device on a site, or updates its site and model. A pending device becomes registered,
     * keeping the data it already sent; a rejected one is admitted again.
     */
    @Transactional
    public Upsert register(String id, String siteId, String hardwareModel) {
        Optional<HubException> problem = registrationProblem(id, siteId, hardwareModel);
        if (problem.isPresent()) {
            throw problem.get();
        }
        Instant now = clock.instant();
        Device device = records.find(id).orElse(null);
        boolean created = device == null;
        if (!created && device.registration == Registration.REGISTERED && Objects.equals(device.siteId, siteId)
                && (hardwareModel == null || hardwareModel.equals(device.registeredModel))) {
            return new Upsert(records.summary(device), false, false);
        }
        if (created) {
            device = new Device();
            device.id = id;
            device.createdAt = now;
        }
        device.siteId = siteId;
        device.registration = Registration.REGISTERED;
        if (hardwareModel != null) {
            device.registeredModel = hardwareModel;
        }
        device.updatedAt = now;
        if (created) {
            records.add(device);
        }
        changes.fire(new RegistryChanged(id));
        return new Upsert(records.summary(device), created, true);
    }

    /** Refuses a device's future messages; its stored data stays. */
    @Transactional
    public DeviceViews.Summary reject(String id) {
        Device device = require(id);
        device.registration = Registration.REJECTED;
        device.updatedAt = clock.instant();
        changes.fire(new RegistryChanged(id));
        return records.summary(device);
    }

    /** Why a device cannot be registered so, if it cannot; checks without failing the transaction. */
    @Transactional
    public Optional<HubException> registrationProblem(String id, String siteId, String hardwareModel) {
        if (!Topics.isValidDeviceId(id)) {
            return Optional.of(new HubException(DeviceError.INVALID_DEVICE, "device id must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        return placementProblem(siteId, hardwareModel);
    }

    /** Why a device cannot be placed on {@code siteId} with this model, if it cannot. */
    @Transactional
    public Optional<HubException> placementProblem(String siteId, String hardwareModel) {
        if (hardwareModel != null && (hardwareModel.isBlank() || hardwareModel.length() > MAX_MODEL)) {
            return Optional.of(new HubException(DeviceError.INVALID_DEVICE, "hardwareModel must be 1 to " + MAX_MODEL + " characters"));
        }
        Optional<SiteKind> kind = siteId == null ? Optional.empty() : records.siteKind(siteId);
        if (kind.orElse(null) != SiteKind.SITE) {
            return Optional.of(new HubException(DeviceError.SITE_REQUIRED, siteId == null ? "siteId is required"
                    : "'" + siteId + "' is not a site of kind 'site'"));
        }
        return Optional.empty();
    }

    private Device require(String id) {
        return records.find(id).orElseThrow(() -> new HubException(DeviceError.DEVICE_NOT_FOUND, "no device '" + id + "'"));
    }

    /** A device's tags, sorted. */
    @Transactional
    public List<String> tags(String id) {
        requireDevice(id);
        return records.tags(id);
    }

    /** Replaces a device's tags: up to 20, each 1-64 lower-case letters, digits, '.', '_' or '-'. Audited. */
    @Transactional
    public List<String> setTags(String id, List<String> tags, String actor) {
        requireDevice(id);
        SortedSet<String> clean = new TreeSet<>();
        for (String tag : tags == null ? List.<String>of() : tags) {
            if (tag == null || !tag.matches("[a-z0-9][a-z0-9._-]{0,63}")) {
                throw new HubException(DeviceError.INVALID_DEVICE, "a tag is 1-64 lower-case letters, digits, '.', '_' or '-': " + tag);
            }
            clean.add(tag);
        }
        if (clean.size() > MAX_TAGS) {
            throw new HubException(DeviceError.INVALID_DEVICE, "at most " + MAX_TAGS + " tags per device");
        }
        records.replaceTags(id, clean);
        audit.record(actor, "device.tags", "device:" + id, String.join(",", clean));
        return List.copyOf(clean);
    }

    private void requireDevice(String id) {
        if (records.find(id).isEmpty()) {
            throw new HubException(DeviceError.DEVICE_NOT_FOUND, "device " + id + " is not registered");
        }
    }
}
