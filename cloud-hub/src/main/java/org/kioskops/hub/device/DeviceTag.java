package org.kioskops.hub.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** A free tag on a device, for choosing campaign targets. */
@Entity
@Table(name = "device_tag")
@IdClass(DeviceTag.Key.class)
public class DeviceTag extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Id
    public String tag;

    /** The composite key. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;
        public String deviceId;
        public String tag;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(deviceId, k.deviceId) && Objects.equals(tag, k.tag);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, tag);
        }
    }
}
