package org.kioskops.hub.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/** One health-station measurement (personal data); written by the ingest path, read-only here. */
@Entity
@Immutable
@Table(name = "health_measurement")
@IdClass(HealthMeasurementEntity.Key.class)
public class HealthMeasurementEntity extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Id
    public long seq;

    @Id
    @Column(name = "sample_index")
    public int sampleIndex;

    @Id
    @Column(name = "reading_index")
    public int readingIndex;

    public String kind;

    public String source;

    public double reading;

    public String unit;

    @Column(name = "measured_at")
    public Instant measuredAt;

    /** Composite key: device, sequence number, sample, reading. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String deviceId;
        public long seq;
        public int sampleIndex;
        public int readingIndex;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.seq == seq && k.sampleIndex == sampleIndex && k.readingIndex == readingIndex
                    && Objects.equals(k.deviceId, deviceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, seq, sampleIndex, readingIndex);
        }
    }
}
