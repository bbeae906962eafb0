package org.kioskops.hub.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import org.hibernate.annotations.Immutable;

/** A component announced in a device's latest birth. */
@Entity
@Immutable
@Table(name = "device_component")
@IdClass(DeviceComponent.Key.class)
public class DeviceComponent extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    /** {@code screen}, {@code locker:A}, {@code health:bp-1}, {@code peripheral:printer-1}. */
    @Id
    @Column(name = "component_id")
    public String componentId;

    /** {@code screen}, {@code locker_bank}, the health device kind, or the peripheral type. */
    public String kind;

    public String model;

    /** Compartments of a locker bank; screen size in inches, rounded; else null. */
    public Integer size;

    public static List<DeviceComponent> ofDevice(String deviceId) {
        return list("deviceId = ?1 order by componentId", deviceId);
    }

    /** Composite key: device, component. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String deviceId;
        public String componentId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.deviceId, deviceId) && Objects.equals(k.componentId, componentId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deviceId, componentId);
        }
    }
}
