package org.kioskops.hub.twin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** What the hub wants a device to run and what the device last said it runs. Reports are written by ingest. */
@Entity
@Table(name = "device_twin")
public class DeviceTwin extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "desired_version")
    public String desiredVersion;

    @Column(name = "desired_settings")
    public String desiredSettings;

    @Column(name = "desired_at")
    public Instant desiredAt;

    /** When the desired version was last handed to the broker; null while it still has to be. */
    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "reported_version")
    public String reportedVersion;

    /** applied or rejected */
    @Column(name = "reported_outcome")
    public String reportedOutcome;

    @Column(name = "reported_reason")
    public String reportedReason;

    /** The version the device runs; null when it runs on its local configuration alone. */
    @Column(name = "active_version")
    public String activeVersion;

    /** Device time of its latest report. */
    @Column(name = "reported_at")
    public Instant reportedAt;
}
