package org.kioskops.hub.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.config.BrokerConfig;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.DeviceError;
import org.kioskops.hub.device.Registration;
import org.kioskops.hub.error.HubException;

/**
 * Issues, rotates and revokes device credentials: a secret (returned once, at issue, and kept only as a
 * hash) or a client certificate from the hub's CA (for a key the device made, from its signing request, or
 * for a key made here and returned once). A device has one credential at a time; issuing either kind
 * replaces the earlier one. Every change is audited and, once committed, rewrites the broker's accounts: a
 * revoked or replaced credential is disconnected and refused from then on.
 */
@ApplicationScoped
public class CredentialService {
    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<AccessChanged> changes;

    @Inject
    BrokerCa brokerCa;

    @Inject
    BrokerConfig config;

    /** A newly issued secret: shown to the caller this once. */
    public record Issued(String deviceId, String username, String secret, Instant issuedAt, boolean rotated) {
    }

    /**
     * A newly issued client certificate with the CA that signed it; {@code privateKeyPem} is set only when the
     * hub made the key (no signing request was given), and is shown this once.
     */
    public record IssuedCertificate(String deviceId, String serial, String certificatePem, String caPem, String privateKeyPem,
                                    Instant issuedAt, Instant notAfter, boolean rotated) {
    }

    /** What the hub knows about a device's credentials; never the secret. */
    public record Status(String deviceId, DeviceCredential.Kind kind, boolean active, Instant issuedAt, String issuedBy,
                         Instant revokedAt, String revokedBy, String certificateSerial, Instant certificateNotAfter) {
    }

    /** Issues a secret, replacing (and so revoking) any earlier one. */
    @Transactional
    public Issued issue(String deviceId, String actor) {
        issuable(deviceId);
        String secret = SecretHasher.newSecret();
        Issued issued = store(deviceId, SecretHasher.hash(secret), secret, actor);
        changes.fire(new AccessChanged("credentials of " + deviceId));
        return issued;
    }

    /**
     * Issues a client certificate, replacing (and so revoking) any earlier credential.
     *
     * @param csrPem   the device's PKCS#10 signing request, or null to have the hub make the key pair
     * @param validity how long the certificate is valid, or null for {@code kioskops.broker.access.certificate-validity}
     */
    @Transactional
    public IssuedCertificate issueCertificate(String deviceId, String csrPem, Duration validity, String actor) {
        Device device = issuable(deviceId);
        Duration valid = validity == null ? config.access().certificateValidity() : validity;
        if (valid.compareTo(Duration.ofDays(1)) < 0 || valid.compareTo(Duration.ofDays(3650)) > 0) {
            throw new HubException(IdentityError.INVALID_CERTIFICATE_REQUEST, "validity must be 1 to 3650 days, was " + valid);
        }
        KeyPair madeHere = null;
        PublicKey publicKey;
        if (csrPem == null || csrPem.isBlank()) {
            madeHere = CertificateAuthority.newDeviceKeyPair();
            publicKey = madeHere.getPublic();
        } else {
            try {
                publicKey = CertificateAuthority.publicKeyOf(csrPem);
            } catch (IllegalArgumentException e) {
                throw new HubException(IdentityError.INVALID_CERTIFICATE_REQUEST, e.getMessage());
            }
        }
        try {
            CertificateAuthority ca = brokerCa.authority();
            X509Certificate certificate = ca.issueClient(device.id, publicKey, valid);
            String serial = certificate.getSerialNumber().toString(16);
            DeviceCredential credential = replace(deviceId);
            boolean rotated = credential.issuedAt != null && credential.revokedAt == null;
            boolean renewed = rotated && credential.kind == DeviceCredential.Kind.CERTIFICATE;
            String replaced = rotated && !renewed ? ", replacing the secret" : "";
            credential.kind = DeviceCredential.Kind.CERTIFICATE;
            credential.secretHash = null;
            credential.psk = null;
            credential.certificateSerial = serial;
            credential.certificateNotAfter = certificate.getNotAfter().toInstant();
            activate(credential, actor);
            audit.record(actor, renewed ? "certificate.rotated" : "certificate.issued", deviceId, "serial " + serial + replaced);
            changes.fire(new AccessChanged("certificate of " + deviceId));
            return new IssuedCertificate(deviceId, serial, CertificateAuthority.pem("CERTIFICATE", certificate.getEncoded()),
                    ca.certificatePem(), madeHere == null ? null : CertificateAuthority.pem("PRIVATE KEY", madeHere.getPrivate().getEncoded()),
                    credential.issuedAt, credential.certificateNotAfter, rotated);
        } catch (IOException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot issue a certificate for " + deviceId + ": " + e.getMessage(), e);
        }
    }

    /** A new DTLS pre-shared key for a CoAP device: its PSK identity is the device id. */
    public record IssuedPsk(String deviceId, String identity, String key, Instant issuedAt, boolean rotated) {
    }

    /**
     * Issues a DTLS pre-shared key for CoAP, replacing (and so revoking) any earlier credential. The key is a
     * random text of 32 characters (about 190 bits) whose UTF-8 bytes are the key, so that it can be typed into
     * any CoAP client's PSK option.
     */
    @Transactional
    public IssuedPsk issuePsk(String deviceId, String actor) {
        issuable(deviceId);
        String key = SecretHasher.newSecret();
        DeviceCredential credential = replace(deviceId);
        boolean rotated = credential.issuedAt != null && credential.revokedAt == null;
        credential.kind = DeviceCredential.Kind.PSK;
        credential.psk = key;
        credential.secretHash = null;
        credential.certificateSerial = null;
        credential.certificateNotAfter = null;
        activate(credential, actor);
        audit.record(actor, rotated ? "psk.rotated" : "psk.issued", deviceId, null);
        changes.fire(new AccessChanged("pre-shared key of " + deviceId));
        return new IssuedPsk(deviceId, deviceId, key, credential.issuedAt, rotated);
    }

    /** The active pre-shared key of a device, for a DTLS handshake; empty when it has none or it is revoked. */
    @Transactional
    public Optional<byte[]> pskOf(String deviceId) {
        DeviceCredential credential = DeviceCredential.findById(deviceId);
        if (credential == null || !credential.active() || credential.kind != DeviceCredential.Kind.PSK || credential.psk == null) {
            return Optional.empty();
        }
        return Optional.of(credential.psk.getBytes(StandardCharsets.UTF_8));
    }

    /** Stores a new hash for a device and audits it; the caller fires {@link AccessChanged}. */
    Issued store(String deviceId, String hash, String secret, String actor) {
        DeviceCredential credential = replace(deviceId);
        boolean rotated = credential.issuedAt != null && credential.revokedAt == null;
        credential.kind = DeviceCredential.Kind.SECRET;
        credential.secretHash = hash;
        credential.psk = null;
        credential.certificateSerial = null;
        credential.certificateNotAfter = null;
        activate(credential, actor);
        audit.record(actor, rotated ? "credentials.rotated" : "credentials.issued", deviceId, null);
        return new Issued(deviceId, deviceId, secret, credential.issuedAt, rotated);
    }

    private Device issuable(String deviceId) {
        Device device = Device.findById(deviceId);
        if (device == null) {
            throw new HubException(DeviceError.DEVICE_NOT_FOUND, "no device '" + deviceId + "'");
        }
        if (device.registration == Registration.REJECTED) {
            throw new HubException(IdentityError.DEVICE_REJECTED, "'" + deviceId + "' is rejected");
        }
        return device;
    }

    /** The device's credential row, new or existing; a certificate it held goes on the CRL. */
    private DeviceCredential replace(String deviceId) {
        DeviceCredential credential = DeviceCredential.findById(deviceId);
        if (credential == null) {
            credential = new DeviceCredential();
            credential.deviceId = deviceId;
            credential.kind = null;
            return credential;
        }
        RevokedCertificate.record(credential, clock.instant());
        return credential;
    }

    private void activate(DeviceCredential credential, String actor) {
        boolean created = credential.issuedAt == null;
        credential.issuedAt = clock.instant();
        credential.issuedBy = actor;
        credential.revokedAt = null;
        credential.revokedBy = null;
        if (created) {
            credential.persist();
        }
    }

    /** Revokes a device's credentials: the broker disconnects it and refuses it from now on. */
    @Transactional
    public Status revoke(String deviceId, String actor) {
        DeviceCredential credential = DeviceCredential.findById(deviceId);
        if (credential == null || !credential.active()) {
            throw new HubException(IdentityError.NO_CREDENTIALS, "'" + deviceId + "' has no active credentials");
        }
        credential.revokedAt = clock.instant();
        credential.revokedBy = actor;
        RevokedCertificate.record(credential, credential.revokedAt);
        audit.record(actor, credential.kind == DeviceCredential.Kind.CERTIFICATE ? "certificate.revoked" : "credentials.revoked",
                deviceId, credential.certificateSerial == null ? null : "serial " + credential.certificateSerial);
        changes.fire(new AccessChanged("revoked " + deviceId));
        return status(credential);
    }

    @Transactional
    public Optional<Status> status(String deviceId) {
        return DeviceCredential.<DeviceCredential>findByIdOptional(deviceId).map(CredentialService::status);
    }

    /** Whether a device has credentials that the broker accepts. */
    boolean hasActive(String deviceId) {
        DeviceCredential credential = DeviceCredential.findById(deviceId);
        return credential != null && credential.active();
    }

    private static Status status(DeviceCredential c) {
        return new Status(c.deviceId, c.kind, c.active(), c.issuedAt, c.issuedBy, c.revokedAt, c.revokedBy,
                c.certificateSerial, c.certificateNotAfter);
    }
}
