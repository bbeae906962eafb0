package org.kioskops.hub.command;

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

/** A command to one device; the device's answers are written by ingest. */
@Entity
@Table(name = "device_command")
public class DeviceCommand extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "device_id")
    public String deviceId;

    /** The command's wire name, such as {@code unlock}. */
    public String name;

    public String bank;

    public Integer compartment;

    public String reason;

    @Enumerated(EnumType.STRING)
    public CommandState state;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When it was last handed to the broker; null while its device has been offline. */
    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "delivered_at")
    public Instant deliveredAt;

    @Column(name = "completed_at")
    public Instant completedAt;

    public String detail;

    /** The device's data (diagnostics), as JSON. */
    public String result;

    /** Authorises the one upload of this command (screenshot, diagnostics bundle). */
    @Column(name = "upload_token")
    public String uploadToken;

    /** Media type of what was uploaded; null before an upload. */
    @Column(name = "artifact_type")
    public String artifactType;

    @Column(name = "artifact_bytes")
    public Long artifactBytes;

    @Column(name = "artifact_sha256")
    public String artifactSha256;

    @Column(name = "artifact_at")
    public Instant artifactAt;
}
