package org.kioskops.hub.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A box's claim of an identity with a claim code; see {@link ClaimService}. */
@Entity
@Table(name = "device_claim")
public class DeviceClaim extends PanacheEntityBase {
    /** Where a claim stands. */
    public enum Status {
        PENDING, APPROVED, REJECTED, COLLECTED
    }

    @Id
    public String id;

    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "device_id")
    public String deviceId;

    @Column(name = "pickup_hash")
    public String pickupHash;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "sealed_secret")
    public String sealedSecret;

    @Enumerated(EnumType.STRING)
    public Status status;

    @Column(name = "requested_at")
    public Instant requestedAt;

    @Column(name = "requested_from")
    public String requestedFrom;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;

    @Column(name = "collected_at")
    public Instant collectedAt;
}
