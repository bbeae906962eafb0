package org.kioskops.hub.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A device certificate revoked or replaced before it expired; listed in the CRL until it expires. */
@Entity
@Table(name = "revoked_certificate")
public class RevokedCertificate extends PanacheEntityBase {
    @Id
    public String serial;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "not_after")
    public Instant notAfter;

    static void record(DeviceCredential credential, Instant now) {
        if (credential.kind != DeviceCredential.Kind.CERTIFICATE || credential.certificateSerial == null
                || findById(credential.certificateSerial) != null) {
            return;
        }
        RevokedCertificate revoked = new RevokedCertificate();
        revoked.serial = credential.certificateSerial;
        revoked.deviceId = credential.deviceId;
        revoked.revokedAt = now;
        revoked.notAfter = credential.certificateNotAfter;
        revoked.persist();
    }

    /** The entries still worth listing: certificates that have not yet expired. */
    static List<RevokedCertificate> unexpired(Instant now) {
        delete("notAfter < ?1", now);
        return list("order by revokedAt");
    }
}
