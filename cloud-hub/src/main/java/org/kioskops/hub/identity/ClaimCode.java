package org.kioskops.hub.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A one-time claim code, kept only as its SHA-256. */
@Entity
@Table(name = "claim_code")
public class ClaimCode extends PanacheEntityBase {
    @Id
    @Column(name = "code_hash")
    public String codeHash;

    @Column(name = "code_hint")
    public String codeHint;

    @Column(name = "site_id")
    public String siteId;

    @Column(name = "hardware_model")
    public String hardwareModel;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "used_at")
    public Instant usedAt;
}
