package org.kioskops.hub.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.Immutable;

/**
 * A device's latest reported state and sequence bookkeeping. Written only by the ingest path (plain JDBC,
 * in batches); read-only here. Absent until the device's first accepted message.
 */
@Entity
@Immutable
@Table(name = "device_state")
public class DeviceState extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Enumerated(EnumType.STRING)
    public Connection connection;

    @Column(name = "offline_reason")
    public String offlineReason;

    /** The connection the latest birth or status belongs to (the will's reserved sequence number). */
    @Column(name = "session_no")
    public Long session;

    @Column(name = "connection_since")
    public Instant connectionSince;

    @Column(name = "booted_at")
    public Instant bootedAt;

    @Column(name = "first_seen_at")
    public Instant firstSeenAt;

    /** Hub time of the last accepted message. */
    @Column(name = "last_seen_at")
    public Instant lastSeenAt;

    /** Device time of the newest accepted message. */
    @Column(name = "last_device_ts")
    public Instant lastDeviceTs;

    @Column(name = "agent_version")
    public String agentVersion;

    @Column(name = "reported_model")
    public String reportedModel;

    @Column(name = "telemetry_at")
    public Instant telemetryAt;

    @Column(name = "uptime_seconds")
    public Long uptimeSeconds;

    @Column(name = "screen_state")
    public String screenState;

    @Column(name = "screen_brightness")
    public Integer screenBrightness;

    @Column(name = "cpu_temp_c")
    public Double cpuTempC;

    @Column(name = "mem_used_bytes")
    public Long memUsedBytes;

    @Column(name = "mem_total_bytes")
    public Long memTotalBytes;

    @Column(name = "disk_used_bytes")
    public Long diskUsedBytes;

    @Column(name = "disk_total_bytes")
    public Long diskTotalBytes;

    /** The heartbeat keep-alive of the latest birth: the device is silent after 1.5 of these. */
    @Column(name = "keep_alive_seconds")
    public Integer keepAliveSeconds;

    /** Device time the screen state last changed. */
    @Column(name = "screen_since")
    public Instant screenSince;

    /** Device clock minus hub clock when the device last connected (its birth), in milliseconds. */
    @Column(name = "clock_skew_ms")
    public Long clockSkewMs;

    @Column(name = "seq_epoch")
    public String seqEpoch;

    @Column(name = "seq_highest")
    public Long seqHighest;

    @Column(name = "seq_missing")
    public long seqMissing;

    @Column(name = "seq_missing_ranges")
    public String seqMissingRanges;

    @Column(name = "seq_gaps_detected")
    public long seqGapsDetected;

    @Column(name = "seq_recovered")
    public long seqRecovered;

    @Column(name = "seq_duplicates")
    public long seqDuplicates;

    @Column(name = "seq_received")
    public long seqReceived;

    @Column(name = "seq_resets")
    public long seqResets;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
