package org.kioskops.hub.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.DeviceError;
import org.kioskops.hub.device.Registration;
import org.kioskops.hub.error.HubException;

/**
 * Issues, rotates and revokes device credentials. A secret is returned once, at issue, and kept only as
 * a hash. Every change is audited and, once committed, rewrites the broker's accounts: a revoked or
 * rotated device is disconnected and can connect again only with a newly issued secret.
 */
@ApplicationScoped
public class CredentialService {
    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    Event<AccessChanged> changes;

    /** A newly issued secret: shown to the caller this once. */
    public record Issued(String deviceId, String username, String secret, Instant issuedAt, boolean rotated) {
    }

    /** What the hub knows about a device's credentials; never the secret. */
    public record Status(String deviceId, boolean active, Instant issuedAt, String issuedBy, Instant revokedAt, String revokedBy) {
    }

    /** Issues a secret, replacing (and so revoking) any earlier one. */
    @Transactional
    public Issued issue(String deviceId, String actor) {
        Device device = Device.findById(deviceId);
        if (device == null) {
            throw new HubException(DeviceError.DEVICE_NOT_FOUND, "no device '" + deviceId + "'");
        }
        if (device.registration == Registration.REJECTED) {
            throw new HubException(IdentityError.DEVICE_REJECTED, "'" + deviceId + "' is rejected");
        }
        String secret = SecretHasher.newSecret();
        Issued issued = store(deviceId, SecretHasher.hash(secret), secret, actor);
        changes.fire(new AccessChanged("credentials of " + deviceId));
        return issued;
    }

    /** Stores a new hash for a device and audits it; the caller fires {@link AccessChanged}. */
    Issued store(String deviceId, String hash, String secret, String actor) {
        Instant now = clock.instant();
        DeviceCredential credential = DeviceCredential.findById(deviceId);
        boolean rotated = credential != null && credential.active();
        boolean created = credential == null;
        if (created) {
            credential = new DeviceCredential();
            credential.deviceId = deviceId;
        }
        credential.secretHash = hash;
        credential.issuedAt = now;
        credential.issuedBy = actor;
        credential.revokedAt = null;
        credential.revokedBy = null;
        if (created) {
            credential.persist();
        }
        audit.record(actor, rotated ? "credentials.rotated" : "credentials.issued", deviceId, null);
        return new Issued(deviceId, deviceId, secret, now, rotated);
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
        audit.record(actor, "credentials.revoked", deviceId, null);
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
        return new Status(c.deviceId, c.active(), c.issuedAt, c.issuedBy, c.revokedAt, c.revokedBy);
    }
}
