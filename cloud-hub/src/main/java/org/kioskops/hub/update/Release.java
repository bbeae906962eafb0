package org.kioskops.hub.update;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A software release: an agent build or a peripheral's firmware, its file known by size, hash and signature. */
@Entity
@Table(name = "software_release")
public class Release extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** {@code agent} or {@code firmware}. */
    public String kind;

    public String version;

    /** Comma-separated hardware models it may be installed on. */
    @Column(name = "hardware_models")
    public String hardwareModels;

    public String notes;

    @Column(name = "file_name")
    public String fileName;

    @Column(name = "size_bytes")
    public long sizeBytes;

    /** Lower-case hex. */
    public String sha256;

    /** Base64 Ed25519 signature of the file's bytes. */
    public String signature;

    /** The signing key's id: the first 16 hex digits of the SHA-256 of its public key (X.509 encoding). */
    @Column(name = "key_id")
    public String keyId;

    /** Whether the hub signed it with its demo key rather than receiving an offline signature. */
    @Column(name = "signed_by_hub")
    public boolean signedByHub;

    @Column(name = "uploaded_at")
    public Instant uploadedAt;

    @Column(name = "uploaded_by")
    public String uploadedBy;
}
