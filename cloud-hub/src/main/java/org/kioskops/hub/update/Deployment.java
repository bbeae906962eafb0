package org.kioskops.hub.update;

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

/** One device's part in a campaign; its id is the deployment id in the device's update order. */
@Entity
@Table(name = "rollout_deployment")
public class Deployment extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "campaign_id")
    public long campaignId;

    @Column(name = "device_id")
    public String deviceId;

    public int wave;

    @Enumerated(EnumType.STRING)
    public DeploymentState state;

    /** The agent version the device ran when the campaign began. */
    @Column(name = "from_version")
    public String fromVersion;

    /** The version the device runs by its last report. */
    @Column(name = "running_version")
    public String runningVersion;

    public String code;

    public String detail;

    public Long bytes;

    @Column(name = "notified_at")
    public Instant notifiedAt;

    @Column(name = "reported_at")
    public Instant reportedAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
