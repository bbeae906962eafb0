package org.kioskops.hub.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** An alert about one condition of one component of one device. */
@Entity
@Table(name = "alert")
public class Alert extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "site_id")
    public String siteId;

    public String component;

    public String type;

    public String severity;

    /** Which kind of organisation answers for it: hardware, lockers, community. */
    public String concern;

    /** The organisation that owned the concern at the device's site when the alert opened; null if none did. */
    public String owner;

    @Enumerated(EnumType.STRING)
    public AlertStatus status;

    /** device, component and type while not resolved; null after. */
    @Column(name = "open_key")
    public String openKey;

    public String detail;

    /** When the condition began (before the alert opened, by the rule's delay). */
    @Column(name = "condition_since")
    public Instant conditionSince;

    @Column(name = "opened_at")
    public Instant openedAt;

    /** When the condition last went away while the alert is still open, waiting for it to stay away. */
    @Column(name = "cleared_at")
    public Instant clearedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolution_note")
    public String resolutionNote;

    /** Acknowledge by: opened plus the owner's response target; null without one. */
    @Column(name = "respond_by")
    public Instant respondBy;

    /** Resolve by: opened plus the owner's repair target; null without one. */
    @Column(name = "repair_by")
    public Instant repairBy;

    /** The maintenance window that suppresses it, while it does. */
    @Column(name = "suppressed_by")
    public Long suppressedBy;

    /** The person within the owning organisation who has it, once someone assigned it. */
    public String assignee;

    /** How many escalation steps were taken because nobody acknowledged it in time. */
    @Column(name = "escalation_level")
    public int escalationLevel;

    /** The due time of the last escalation step taken; null before the first. */
    @Column(name = "escalated_through")
    public Instant escalatedThrough;

    /** How often the condition came back while the alert was open. */
    public int recurrences;

    static String key(String deviceId, String component, String type) {
        return deviceId + "|" + component + "|" + type;
    }

    static Optional<Alert> open(String key) {
        return find("openKey", key).firstResultOptional();
    }
}
