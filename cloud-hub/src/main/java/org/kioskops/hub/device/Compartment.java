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

/** Latest state of one locker compartment. */
@Entity
@Immutable
@Table(name = "compartment")
@IdClass(Compartment.Key.class)
public class Compartment extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Id
    public String bank;

    @Id
    public int no;

    public boolean occupied;

    @Column(name = "door_open")
    public boolean doorOpen;

    /** Device time of the report this state comes from; null until the first report. */
    @Column(name = "reported_at")
    public Instant reportedAt;

    /** Device time of the last change of occupancy or door. */
    @Column(name = "changed_at")
    public Instant changedAt;

    /** Device time the door opened, while it is open. */
    @Column(name = "door_since")
    public Instant doorSince;

    /** Device time the parcel inside went in, while there is one. */
    @Column(name = "occupied_since")
    public Instant occupiedSince;

    public static List<Compartment> ofDevice(String deviceId) {
        return list("deviceId = ?1 order by bank, no", deviceId);
    }

    /** Composite key: device, bank, number. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String deviceId;
        public String bank;
        public int no;

        public Key() {
        }

        public Key(String deviceId, String bank, int no) {
            this.deviceId = deviceId;
            this.bank = bank;
            this.no = no;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.no == no && Objects.equals(k.deviceId, deviceId) && Objects.equals(k.bank, bank);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, bank, no);
        }
    }
}
