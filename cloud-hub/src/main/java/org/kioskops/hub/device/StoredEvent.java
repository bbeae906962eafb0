package org.kioskops.hub.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.Immutable;

/** One device event as received, for the device's timeline and usage counts; written by the ingest path. */
@Entity
@Immutable
@Table(name = "device_event")
public class StoredEvent extends PanacheEntityBase {
    @Id
    public Long id;

    @Column(name = "device_id")
    public String deviceId;

    /** Sequence number of the message that carried it. */
    public long seq;

    /** Position in that message. */
    @Column(name = "event_index")
    public int eventIndex;

    @Column(name = "occurred_at")
    public Instant occurredAt;

    public String type;

    public String bank;

    public Integer compartment;

    @Column(name = "session_id")
    public String sessionId;

    @Column(name = "health_device")
    public String healthDevice;

    public String component;

    public String code;

    public String detail;

    /** The newest events of a device, newest first. */
    public static List<StoredEvent> latest(String deviceId, int limit) {
        return find("deviceId = ?1 order by occurredAt desc, id desc", deviceId).page(0, limit).list();
    }
}
