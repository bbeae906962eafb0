package org.kioskops.hub.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** Planned work on a site subtree or on one device, during which its alerts are suppressed. */
@Entity
@Table(name = "maintenance_window")
public class MaintenanceWindow extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The subtree covered, or null when the window is for one device. */
    @Column(name = "site_id")
    public String siteId;

    /** The device covered, or null when the window is for a subtree. */
    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "starts_at")
    public Instant startsAt;

    @Column(name = "ends_at")
    public Instant endsAt;

    public String reason;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    static List<MaintenanceWindow> activeAt(Instant now) {
        return list("startsAt <= ?1 and endsAt > ?1", now);
    }
}
