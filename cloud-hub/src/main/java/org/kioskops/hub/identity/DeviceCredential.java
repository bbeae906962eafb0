package org.kioskops.hub.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A device's secret, kept only as a hash; revoked credentials stay as a record until re-issued. */
@Entity
@Table(name = "device_credential")
public class DeviceCredential extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "issued_by")
    public String issuedBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    public boolean active() {
        return revokedAt == null;
    }

    static List<DeviceCredential> allActive() {
        return list("revokedAt is null order by deviceId");
    }
}
