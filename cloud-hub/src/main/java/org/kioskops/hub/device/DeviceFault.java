package org.kioskops.hub.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.hibernate.annotations.Immutable;

/** A fault a device raised; active until the device clears it. */
@Entity
@Immutable
@Table(name = "device_fault")
public class DeviceFault extends PanacheEntityBase {
    @Id
    public Long id;

    @Column(name = "device_id")
    public String deviceId;

    public String component;

    public String code;

    public String detail;

    @Column(name = "raised_at")
    public Instant raisedAt;

    @Column(name = "cleared_at")
    public Instant clearedAt;

    public static List<DeviceFault> activeOf(String deviceId) {
        return list("deviceId = ?1 and clearedAt is null order by raisedAt", deviceId);
    }

    public static Optional<DeviceFault> active(String deviceId, String component, String code) {
        return find("deviceId = ?1 and component = ?2 and code = ?3 and clearedAt is null", deviceId, component, code)
                .firstResultOptional();
    }
}
