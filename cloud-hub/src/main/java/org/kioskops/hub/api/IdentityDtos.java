package org.kioskops.hub.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.identity.ClaimService;
import org.kioskops.hub.identity.CredentialService;
import org.kioskops.hub.identity.DeviceImportService;

/** Request and response bodies of device credentials, imports, claims and the audit log. */
public final class IdentityDtos {
    private IdentityDtos() {
    }

    /**
     * A newly issued secret. Shown once: the hub keeps only its hash.
     *
     * @param username the MQTT user name (and client id) to connect with: the device id
     * @param rotated  whether earlier credentials were replaced (and so revoked)
     */
    public record IssuedCredentials(String deviceId, String username, String secret, Instant issuedAt, boolean rotated) {
        static IssuedCredentials of(CredentialService.Issued i) {
            return new IssuedCredentials(i.deviceId(), i.username(), i.secret(), i.issuedAt(), i.rotated());
        }
    }

    /**
     * A device's credentials without the secret.
     *
     * @param kind                {@code secret} or {@code certificate}
     * @param certificateSerial   the client certificate's serial (hex), for a certificate
     * @param certificateNotAfter when the client certificate expires, for a certificate
     */
    public record CredentialStatus(String deviceId, String kind, boolean active, Instant issuedAt, String issuedBy,
                                   Instant revokedAt, String revokedBy, String certificateSerial, Instant certificateNotAfter) {
        static CredentialStatus of(CredentialService.Status s) {
            return new CredentialStatus(s.deviceId(), s.kind().name().toLowerCase(Locale.ROOT), s.active(), s.issuedAt(),
                    s.issuedBy(), s.revokedAt(), s.revokedBy(), s.certificateSerial(), s.certificateNotAfter());
        }
    }

    /**
     * A request for a device client certificate.
     *
     * @param csr          the device's PKCS#10 signing request (PEM), so that its private key never leaves the box;
     *                     omit it to have the hub make a key pair and return the key once
     * @param validityDays how long the certificate is valid; omit for the hub's default (730 days)
     */
    /** A CoAP device's new DTLS pre-shared key: identity and key (its UTF-8 bytes), shown once. */
    public record IssuedPsk(String deviceId, String identity, String key, Instant issuedAt, boolean rotated) {
        static IssuedPsk of(CredentialService.IssuedPsk p) {
            return new IssuedPsk(p.deviceId(), p.identity(), p.key(), p.issuedAt(), p.rotated());
        }
    }

    public record CertificateRequest(String csr, Integer validityDays) {
    }

    /**
     * A newly issued client certificate. Its common name is the device id, which is also the MQTT client id
     * to connect with.
     *
     * @param privateKey the key the hub made (unencrypted PKCS#8 PEM), only when no CSR was given; shown once
     * @param ca         the CA that signed it; the broker verifies client certificates against it
     */
    public record IssuedCertificate(String deviceId, String serial, String certificate, String privateKey, String ca,
                                    Instant issuedAt, Instant notAfter, boolean rotated) {
        static IssuedCertificate of(CredentialService.IssuedCertificate i) {
            return new IssuedCertificate(i.deviceId(), i.serial(), i.certificatePem(), i.privateKeyPem(), i.caPem(),
                    i.issuedAt(), i.notAfter(), i.rotated());
        }
    }

    /** A refused line of an import, numbered from 1 with the header as line 1. */
    public record ImportLineError(int line, String deviceId, String reason) {
    }

    /** What an import did; {@code credentials} holds only the secrets issued by this import, shown once. */
    public record ImportResult(int created, int updated, int unchanged, int credentialsIssued, List<ImportLineError> errors,
                               List<IssuedCredentials> credentials) {
        static ImportResult of(DeviceImportService.Result r) {
            return new ImportResult(r.created(), r.updated(), r.unchanged(), r.credentialsIssued(),
                    r.errors().stream().map(e -> new ImportLineError(e.line(), e.deviceId(), e.reason())).toList(),
                    r.credentials().stream().map(IssuedCredentials::of).toList());
        }
    }

    /**
     * Body of {@code POST /api/claim-codes}.
     *
     * @param validFor ISO-8601 duration, default P7D, at most P90D
     */
    public record ClaimCodeRequest(String siteId, String hardwareModel, Duration validFor) {
    }

    /** A new claim code, shown once: the hub keeps only its hash. */
    public record ClaimCode(String code, String siteId, String hardwareModel, Instant expiresAt) {
        static ClaimCode of(ClaimService.NewCode c) {
            return new ClaimCode(c.code(), c.siteId(), c.hardwareModel(), c.expiresAt());
        }
    }

    /** Body of {@code POST /api/claims}: what a box sends to claim an identity. */
    public record ClaimRequest(String code, String deviceId) {
    }

    /** The answer to a claim: keep the pickup token secret; it is needed to collect the device's secret. */
    public record ClaimTicket(String claimId, String deviceId, String pickupToken, String status) {
        static ClaimTicket of(ClaimService.Claimed c) {
            return new ClaimTicket(c.claimId(), c.deviceId(), c.pickupToken(), lower(c.status()));
        }
    }

    /** Body of {@code POST /api/claims/{id}/pickup}. */
    public record PickupRequest(String pickupToken) {
    }

    /** A pickup's answer: {@code secret} only when status is {@code approved}, and only once. */
    public record PickupResult(String status, String deviceId, String username, String secret) {
        static PickupResult of(ClaimService.Pickup p) {
            return new PickupResult(lower(p.status()), p.deviceId(), p.secret() == null ? null : p.deviceId(), p.secret());
        }
    }

    /** A claim as operators see it. */
    public record Claim(String id, String deviceId, String siteId, String hardwareModel, String status, String codeHint,
                        Instant requestedAt, String requestedFrom, Instant decidedAt, String decidedBy, Instant collectedAt) {
        static Claim of(ClaimService.View v) {
            return new Claim(v.id(), v.deviceId(), v.siteId(), v.hardwareModel(), lower(v.status()), v.codeHint(),
                    v.requestedAt(), v.requestedFrom(), v.decidedAt(), v.decidedBy(), v.collectedAt());
        }
    }

    /** One audited action. */
    public record AuditEntry(Instant at, String actor, String action, String target, String detail) {
        static AuditEntry of(AuditLog.Entry e) {
            return new AuditEntry(e.at(), e.actor(), e.action(), e.target(), e.detail());
        }
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
