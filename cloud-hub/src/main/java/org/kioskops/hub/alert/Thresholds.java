package org.kioskops.hub.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.DeviceError;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteError;
import org.kioskops.hub.site.SiteNode;

/**
 * Rule thresholds by scope: built-in default, then district, community, site (nearest node wins), then the
 * device itself. Changes are audited.
 */
@ApplicationScoped
public class Thresholds {
    @Inject
    AlertConfig config;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * A threshold in force.
     *
     * @param definedAt {@code default}, {@code site:<id>} or {@code device:<id>}
     */
    public record Setting(String threshold, String alertType, String unit, double value, double min, double max, String definedAt) {
    }

    /** All settings as of now, for one evaluation. */
    final class Snapshot {
        private final Map<String, Double> values = new HashMap<>();
        private final Map<String, String> paths = SiteNode.paths();

        private Snapshot() {
            AlertThreshold.<AlertThreshold>listAll().forEach(t -> values.put(t.key.scope + "|" + t.key.rule, t.value));
        }

        /** The threshold in force for a device at a site (either may be null). */
        double value(Rule rule, String deviceId, String siteId) {
            String scope = scope(rule, deviceId, siteId);
            return scope == null ? defaultOf(rule) : values.get(scope + "|" + rule.threshold());
        }

        /** The nearest scope that sets the rule's threshold: the device, then its site up to the root; null for none. */
        String scope(Rule rule, String deviceId, String siteId) {
            if (deviceId != null && values.containsKey("device:" + deviceId + "|" + rule.threshold())) {
                return "device:" + deviceId;
            }
            List<String> ancestry = SiteNode.ancestry(siteId == null ? null : paths.get(siteId));
            for (int i = ancestry.size() - 1; i >= 0; i--) {
                if (values.containsKey("site:" + ancestry.get(i) + "|" + rule.threshold())) {
                    return "site:" + ancestry.get(i);
                }
            }
            return null;
        }

        Duration duration(Rule rule, String deviceId, String siteId) {
            return Rule.duration(rule, value(rule, deviceId, siteId));
        }
    }

    /** Loads every setting; call inside a transaction. */
    Snapshot snapshot() {
        return new Snapshot();
    }

    double defaultOf(Rule rule) {
        return rule == Rule.DEVICE_OFFLINE ? config.offlineAfter().toMillis() / 1000.0 : rule.defaultValue();
    }

    /** Every threshold in force at a site node, with where each comes from. */
    @Transactional
    public List<Setting> ofSite(String siteId) {
        requireSite(siteId);
        return settings(null, siteId);
    }

    /** Every threshold in force for a device. */
    @Transactional
    public List<Setting> ofDevice(String deviceId) {
        return settings(deviceId, requireDevice(deviceId).siteId);
    }

    private List<Setting> settings(String deviceId, String siteId) {
        Snapshot snapshot = snapshot();
        List<Setting> settings = new ArrayList<>();
        for (Rule rule : Rule.values()) {
            settings.add(new Setting(rule.threshold(), rule.type(), rule.unit(), snapshot.value(rule, deviceId, siteId), rule.min(),
                    rule.max(), definedAt(rule, deviceId, siteId, snapshot)));
        }
        return settings;
    }

    private static String definedAt(Rule rule, String deviceId, String siteId, Snapshot snapshot) {
        String scope = snapshot.scope(rule, deviceId, siteId);
        return scope == null ? "default" : scope;
    }

    @Transactional
    public List<Setting> setForSite(String siteId, String threshold, Double value, String actor) {
        requireSite(siteId);
        set("site:" + siteId, threshold, value, actor);
        return settings(null, siteId);
    }

    @Transactional
    public List<Setting> setForDevice(String deviceId, String threshold, Double value, String actor) {
        Device device = requireDevice(deviceId);
        set("device:" + deviceId, threshold, value, actor);
        return settings(deviceId, device.siteId);
    }

    @Transactional
    public List<Setting> removeForSite(String siteId, String threshold, String actor) {
        requireSite(siteId);
        remove("site:" + siteId, threshold, actor);
        return settings(null, siteId);
    }

    @Transactional
    public List<Setting> removeForDevice(String deviceId, String threshold, String actor) {
        Device device = requireDevice(deviceId);
        remove("device:" + deviceId, threshold, actor);
        return settings(deviceId, device.siteId);
    }

    private void set(String scope, String threshold, Double value, String actor) {
        Rule rule = rule(threshold);
        if (value == null || value.isNaN() || value < rule.min() || value > rule.max()) {
            throw new HubException(AlertError.INVALID_ALERT_REQUEST, threshold + " takes a value from " + rule.min() + " to "
                    + rule.max() + " (" + rule.unit() + ")");
        }
        AlertThreshold row = AlertThreshold.findById(new AlertThreshold.Key(scope, threshold));
        if (row == null) {
            row = new AlertThreshold();
            row.key = new AlertThreshold.Key(scope, threshold);
            row.value = value;
            row.updatedAt = clock.instant();
            row.updatedBy = actor;
            row.persist();
        } else {
            row.value = value;
            row.updatedAt = clock.instant();
            row.updatedBy = actor;
        }
        audit.record(actor, "threshold.set", scope, threshold + " = " + value);
    }

    private void remove(String scope, String threshold, String actor) {
        rule(threshold);
        if (AlertThreshold.deleteById(new AlertThreshold.Key(scope, threshold))) {
            audit.record(actor, "threshold.removed", scope, threshold);
        }
    }

    private static Rule rule(String threshold) {
        return Rule.ofThreshold(threshold).orElseThrow(() -> new HubException(AlertError.INVALID_ALERT_REQUEST,
                "no threshold '" + threshold + "'; known: " + Arrays.stream(Rule.values()).map(Rule::threshold).toList()));
    }

    private static void requireSite(String siteId) {
        if (SiteNode.findById(siteId) == null) {
            throw new HubException(SiteError.SITE_NOT_FOUND, "no site '" + siteId + "'");
        }
    }

    private static Device requireDevice(String deviceId) {
        Device device = Device.findById(deviceId);
        if (device == null) {
            throw new HubException(DeviceError.DEVICE_NOT_FOUND, "no device '" + deviceId + "'");
        }
        return device;
    }
}
