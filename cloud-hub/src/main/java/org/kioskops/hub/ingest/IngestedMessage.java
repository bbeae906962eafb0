package org.kioskops.hub.ingest;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The ledger of accepted (device, sequence number) pairs that makes ingest idempotent. */
@Entity
@Table(name = "ingested_message")
@IdClass(IngestedMessage.Key.class)
public class IngestedMessage extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Id
    public long seq;

    public String kind;

    @Column(name = "received_at")
    public Instant receivedAt;

    static boolean exists(String deviceId, long seq) {
        return findById(new Key(deviceId, seq)) != null;
    }

    static long forget(String deviceId) {
        return delete("deviceId", deviceId);
    }

    /** Composite key: device, sequence number. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String deviceId;
        public long seq;

        public Key() {
        }

        public Key(String deviceId, long seq) {
            this.deviceId = deviceId;
            this.seq = seq;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && Objects.equals(k.deviceId, deviceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, seq);
        }
    }
}
