package org.kioskops.hub.twin;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.Registration;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteNode;
import org.kioskops.protocol.DesiredConfig;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.KioskSettings;
import org.kioskops.protocol.ProtocolException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Desired configuration: settings documents at fleet, site-tree and device scope, merged per device in that
 * order (fleet, then each site node from the city down, then the device), checked against the contract before
 * they are stored, and published retained to each device whose merged settings changed. Publishing happens
 * after the commit; what the broker did not take (it was down) is published again, and so is the desired
 * version of a device that comes online not running it ({@code ReconnectDelivery}). Changes are audited.
 */
@ApplicationScoped
public class TwinService {
    private static final Logger LOG = LoggerFactory.getLogger(TwinService.class);
    static final String FLEET = "fleet";

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    DeviceDownlink downlink;

    @Inject
    Event<DesiredConfigChanged> configChanged;

    private final ObjectMapper json = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_EMPTY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** A settings document as stored. */
    public record Document(String scope, int version, JsonNode settings, Instant updatedAt, String updatedBy) {
    }

    /**
     * A device's desired and reported configuration.
     *
     * @param inSync whether the device runs the desired version
     */
    public record Twin(String deviceId, String desiredVersion, JsonNode desired, Instant desiredAt, Instant publishedAt,
                       String reportedVersion, String reportedOutcome, String reportedReason, String activeVersion, Instant reportedAt,
                       boolean inSync, List<String> sources) {
    }

    /** Stores a document (replacing the scope's previous one) and publishes to every device it changes. */
    public Document put(String scope, JsonNode settings, String actor) {
        KioskSettings parsed;
        try {
            parsed = KioskSettings.read(settings);
        } catch (ProtocolException e) {
            throw new HubException(TwinError.INVALID_SETTINGS, e.field() == null ? e.getMessage() : e.field() + ": " + e.getMessage());
        }
        String text = write(parsed);
        Result result = QuarkusTransaction.requiringNew().call(() -> {
            requireScope(scope);
            ConfigDocument doc = ConfigDocument.findById(scope);
            if (doc == null) {
                doc = new ConfigDocument();
                doc.scope = scope;
                doc.version = 1;
                doc.settings = text;
                doc.updatedAt = clock.instant();
                doc.updatedBy = actor;
                doc.persist();
            } else {
                doc.version++;
                doc.settings = text;
                doc.updatedAt = clock.instant();
                doc.updatedBy = actor;
            }
            audit.record(actor, "config.set", scope, "version " + doc.version + ": " + text);
            return new Result(view(doc), recompute(devicesIn(scope)));
        });
        publish(result.changed());
        return result.document();
    }

    /** Removes a scope's document; its devices fall back to the levels above. */
    public void remove(String scope, String actor) {
        List<DesiredConfig> changed = QuarkusTransaction.requiringNew().call(() -> {
            requireScope(scope);
            if (!ConfigDocument.deleteById(scope)) {
                throw new HubException(TwinError.DOCUMENT_NOT_FOUND, "no settings document at " + scope);
            }
            audit.record(actor, "config.removed", scope, null);
            return recompute(devicesIn(scope));
        });
        publish(changed);
    }

    private record Result(Document document, List<DesiredConfig> changed) {
    }

    @Transactional
    public Document document(String scope) {
        requireScope(scope);
        ConfigDocument doc = ConfigDocument.findById(scope);
        if (doc == null) {
            throw new HubException(TwinError.DOCUMENT_NOT_FOUND, "no settings document at " + scope);
        }
        return view(doc);
    }

    @Transactional
    public Twin twin(String deviceId) {
        Device device = Device.findById(deviceId);
        if (device == null) {
            throw new HubException(TwinError.SCOPE_NOT_FOUND, "no device '" + deviceId + "'");
        }
        DeviceTwin t = DeviceTwin.findById(deviceId);
        List<String> sources = scopesOf(device, SiteNode.paths());
        sources.removeIf(s -> ConfigDocument.findById(s) == null);
        if (t == null) {
            return new Twin(deviceId, null, null, null, null, null, null, null, null, null, true, sources);
        }
        return view(t, sources);
    }

    /** Devices (under a site, if given) that do not run their desired version. */
    @Transactional
    public List<Twin> drifting(String siteId) {
        Map<String, String> paths = SiteNode.paths();
        String prefix = siteId == null ? null : paths.get(siteId);
        if (siteId != null && prefix == null) {
            throw new HubException(TwinError.SCOPE_NOT_FOUND, "no site '" + siteId + "'");
        }
        List<Twin> result = new ArrayList<>();
        for (DeviceTwin t : DeviceTwin.<DeviceTwin>list("activeVersion is null or activeVersion <> desiredVersion order by deviceId")) {
            if (prefix != null) {
                Device d = Device.findById(t.deviceId);
                String path = d == null || d.siteId == null ? null : paths.get(d.siteId);
                if (path == null || !path.startsWith(prefix)) {
                    continue;
                }
            }
            result.add(view(t, List.of()));
        }
        return result;
    }

    /** The desired configuration of a device, as the broker keeps it retained; empty when the hub has none for it. */
    public Optional<DesiredConfig> desiredConfig(String deviceId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DeviceTwin t = DeviceTwin.findById(deviceId);
            return t == null ? Optional.<DesiredConfig>empty() : Optional.of(desired(t));
        });
    }

    /** Devices came online: each gets its desired version unless it runs it already (called by the delivery that orders config before commands). */
    public void deliver(List<String> ids) {
        List<DesiredConfig> due = QuarkusTransaction.requiringNew().call(() -> {
            List<DesiredConfig> out = new ArrayList<>(recompute(ids));
            List<String> already = out.stream().map(DesiredConfig::deviceId).toList();
            for (String id : ids) {
                DeviceTwin t = DeviceTwin.findById(id);
                if (t != null && !t.desiredVersion.equals(t.activeVersion) && !already.contains(id)) {
                    out.add(desired(t));
                }
            }
            return out;
        });
        publish(due);
    }

    /** What the broker did not take (it was down) is published again. */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void republishUnpublished() {
        try {
            List<DesiredConfig> due = QuarkusTransaction.requiringNew().call(() -> DeviceTwin.<DeviceTwin>list("publishedAt is null")
                    .stream().map(this::desired).toList());
            publish(due);
        } catch (RuntimeException e) {
            LOG.warn("Publishing desired configurations failed ({}); trying again", e.toString());
        }
    }

    /** Recomputes the merged settings of {@code deviceIds}; returns those whose desired version changed. */
    private List<DesiredConfig> recompute(List<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return List.of();
        }
        Map<String, KioskSettings> docs = new HashMap<>();
        for (ConfigDocument d : ConfigDocument.<ConfigDocument>listAll()) {
            docs.put(d.scope, read(d.settings));
        }
        Map<String, String> paths = SiteNode.paths();
        Instant now = clock.instant();
        List<DesiredConfig> changed = new ArrayList<>();
        for (String id : deviceIds) {
            Device device = Device.findById(id);
            if (device == null || device.registration != Registration.REGISTERED) {
                continue;
            }
            KioskSettings merged = KioskSettings.empty();
            boolean any = false;
            for (String scope : scopesOf(device, paths)) {
                KioskSettings doc = docs.get(scope);
                if (doc != null) {
                    merged = merged.merge(doc);
                    any = true;
                }
            }
            DeviceTwin twin = DeviceTwin.findById(id);
            if (twin == null && !any) {
                continue;
            }
            String text = write(merged);
            String version = version(text);
            if (twin != null && version.equals(twin.desiredVersion)) {
                continue;
            }
            if (twin == null) {
                twin = new DeviceTwin();
                twin.deviceId = id;
                twin.desiredVersion = version;
                twin.desiredSettings = text;
                twin.desiredAt = now;
                twin.persist();
            } else {
                twin.desiredVersion = version;
                twin.desiredSettings = text;
                twin.desiredAt = now;
                twin.publishedAt = null;
            }
            changed.add(new DesiredConfig(DeviceMessage.VERSION, id, version, now, merged));
        }
        return changed;
    }

    private void publish(List<DesiredConfig> configs) {
        if (configs.isEmpty()) {
            return;
        }
        List<DesiredConfig> published = new ArrayList<>();
        for (DesiredConfig c : configs) {
            configChanged.fire(new DesiredConfigChanged(c.deviceId()));
            if (downlink.publishConfig(c)) {
                published.add(c);
            }
        }
        Instant now = clock.instant();
        QuarkusTransaction.requiringNew().run(() -> published.forEach(c -> {
            DeviceTwin t = DeviceTwin.findById(c.deviceId());
            if (t != null && t.desiredVersion.equals(c.version())) {
                t.publishedAt = now;
            }
        }));
        if (published.size() < configs.size()) {
            LOG.warn("The broker took {} of {} desired configurations; the rest are published again when it answers", published.size(),
                    configs.size());
        }
        LOG.debug("Published {} desired configurations", published.size());
    }

    private DesiredConfig desired(DeviceTwin t) {
        return new DesiredConfig(DeviceMessage.VERSION, t.deviceId, t.desiredVersion, t.desiredAt, read(t.desiredSettings));
    }

    private List<String> devicesIn(String scope) {
        if (scope.startsWith("device:")) {
            return List.of(scope.substring("device:".length()));
        }
        if (scope.equals(FLEET)) {
            return Device.<Device>list("registration", Registration.REGISTERED).stream().map(d -> d.id).toList();
        }
        String path = SiteNode.paths().get(scope.substring("site:".length()));
        return Device.<Device>list("registration = ?1 and siteId in (select n.id from SiteNode n where n.path like ?2)",
                Registration.REGISTERED, path + "%").stream().map(d -> d.id).toList();
    }

    /** The scopes that apply to a device, from the widest. */
    private static List<String> scopesOf(Device device, Map<String, String> paths) {
        List<String> scopes = new ArrayList<>();
        scopes.add(FLEET);
        String path = device.siteId == null ? null : paths.get(device.siteId);
        if (path != null) {
            SiteNode.ancestry(path).forEach(s -> scopes.add("site:" + s));
        }
        scopes.add("device:" + device.id);
        return scopes;
    }

    private static void requireScope(String scope) {
        boolean exists = scope.equals(FLEET)
                || (scope.startsWith("site:") && SiteNode.findById(scope.substring(5)) != null)
                || (scope.startsWith("device:") && Device.findById(scope.substring(7)) != null);
        if (!exists) {
            throw new HubException(TwinError.SCOPE_NOT_FOUND, "no scope '" + scope + "': fleet, site:<id> or device:<id>");
        }
    }

    private String write(KioskSettings settings) {
        try {
            return json.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings are always serialisable", e);
        }
    }

    private KioskSettings read(String text) {
        try {
            return KioskSettings.read(json.readTree(text));
        } catch (JsonProcessingException | ProtocolException e) {
            throw new IllegalStateException("stored settings no longer read: " + e.getMessage(), e);
        }
    }

    private static String version(String canonical) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Document view(ConfigDocument d) {
        try {
            return new Document(d.scope, d.version, json.readTree(d.settings), d.updatedAt, d.updatedBy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Twin view(DeviceTwin t, List<String> sources) {
        try {
            return new Twin(t.deviceId, t.desiredVersion, json.readTree(t.desiredSettings), t.desiredAt, t.publishedAt, t.reportedVersion,
                    t.reportedOutcome, t.reportedReason, t.activeVersion, t.reportedAt, t.desiredVersion.equals(t.activeVersion), sources);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
