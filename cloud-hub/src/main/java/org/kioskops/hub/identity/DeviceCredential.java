package org.kioskops.hub.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/**
 * A device's credential: a secret kept only as a hash, a client certificate known by its serial, or a DTLS
 * pre-shared key for CoAP (kept as it is: the handshake needs it). Revoked
 * credentials stay as a record until re-issued.
 */
@Entity
@Table(name = "device_credential")
public class DeviceCredential extends PanacheEntityBase {
    @Id
    @Column(name = "device_id")
    public String deviceId;

    @Enumerated(EnumType.STRING)
    public Kind kind = Kind.SECRET;

    /** Set for {@link Kind#SECRET}. */
    @Column(name = "secret_hash")
    public String secretHash;

    /** Lower-case hex; set for {@link Kind#CERTIFICATE}. */
    @Column(name = "certificate_serial")
    public String certificateSerial;

    /** Set for {@link Kind#PSK}: the key's text, whose UTF-8 bytes are the key. */
    @Column(name = "psk")
    public String psk;

    @Column(name = "certificate_not_after")
    public Instant certificateNotAfter;

    @Column(name = "issued_at")
    public Instant issuedAt;

    @Column(name = "issued_by")
    public String issuedBy;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoked_by")
    public String revokedBy;

    /** How the device proves who it is. */
    public enum Kind {
        SECRET, CERTIFICATE, PSK
    }

    public boolean active() {
        return revokedAt == null;
    }

    static List<DeviceCredential> allActive() {
        return list("revokedAt is null order by deviceId");
    }
}
