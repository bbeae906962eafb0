package org.kioskops.hub.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/** The latest reading of one health measurement kind on a device. */
@Entity
@Immutable
@Table(name = "health_reading")
@IdClass(HealthReadingEntity.Key.class)
public class HealthReadingEntity extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Id
    public String kind;

    /** The health device that measured it. */
    public String source;

    public double reading;

    public String unit;

    @Column(name = "measured_at")
    public Instant measuredAt;

    public static List<HealthReadingEntity> ofDevice(String deviceId) {
        return list("deviceId = ?1 order by kind", deviceId);
    }

    /** Composite key: device, kind. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String deviceId;
        public String kind;

        public Key() {
        }

        public Key(String deviceId, String kind) {
            this.deviceId = deviceId;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.deviceId, deviceId) && Objects.equals(k.kind, kind);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, kind);
        }
    }
}
