package org.kioskops.hub.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.DeviceError;
import org.kioskops.hub.device.DeviceService;
import org.kioskops.hub.device.Registration;
import org.kioskops.hub.error.HubException;
import org.kioskops.protocol.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-touch provisioning with one-time claim codes. An operator creates a code for a site and hands it
 * to the installer; the box presents it with the device id it wants and gets a claim id and a pickup
 * token; an operator approves (or rejects) the claim; the box then picks up its secret, once, with the
 * token. The code is kept only as a hash, and the secret only sealed under the box's token until then.
 */
@ApplicationScoped
public class ClaimService {
    private static final Logger LOG = LoggerFactory.getLogger(ClaimService.class);
    /** Letters and digits that cannot be misread for one another on a printed label. */
    private static final String CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int CODE_LENGTH = 12;
    static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
    static final Duration MAX_VALIDITY = Duration.ofDays(90);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    DeviceService devices;

    @Inject
    CredentialService credentials;

    @Inject
    Event<AccessChanged> changes;

    @Inject
    MeterRegistry metrics;

    @Inject
    ClaimConfig limits;

    private ClaimThrottle throttle;

    @PostConstruct
    void start() {
        throttle = new ClaimThrottle(limits.failuresPerSource(), limits.failuresPerTarget(), limits.failureWindow(), clock);
    }

    /** A new claim code, shown this once. */
    public record NewCode(String code, String siteId, String hardwareModel, Instant expiresAt) {
    }

    /** What a box gets when it claims: its claim id and the token it picks its secret up with. */
    public record Claimed(String claimId, String deviceId, String pickupToken, DeviceClaim.Status status) {
    }

    /** A claim as operators see it. */
    public record View(String id, String deviceId, String siteId, String hardwareModel, DeviceClaim.Status status,
                       String codeHint, Instant requestedAt, String requestedFrom, Instant decidedAt, String decidedBy,
                       Instant collectedAt) {
    }

    /** A pickup: the claim's status and, when approved, the secret (given out this once). */
    public record Pickup(DeviceClaim.Status status, String deviceId, String secret) {
    }

    @Transactional
    public NewCode createCode(String siteId, String hardwareModel, Duration validFor, String actor) {
        devices.placementProblem(siteId, hardwareModel).ifPresent(p -> {
            throw p;
        });
        Duration validity = validFor == null ? DEFAULT_VALIDITY : validFor;
        if (validity.isNegative() || validity.isZero() || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new HubException(IdentityError.INVALID_CLAIM, "validFor must be positive and at most " + MAX_VALIDITY.toDays() + " days");
        }
        String code = newCode();
        ClaimCode entity = new ClaimCode();
        entity.codeHash = SecretHasher.sha256(normalize(code));
        entity.codeHint = code.substring(code.length() - 4);
        entity.siteId = siteId;
        entity.hardwareModel = hardwareModel;
        entity.createdAt = clock.instant();
        entity.createdBy = actor;
        entity.expiresAt = entity.createdAt.plus(validity);
        entity.persist();
        audit.record(actor, "claim_code.created", siteId, "code ending " + entity.codeHint + ", valid until " + entity.expiresAt);
        return new NewCode(code, siteId, hardwareModel, entity.expiresAt);
    }

    /**
     * A box claims {@code deviceId} with a code; refused (counted and audited) if the code is unknown, used or
     * expired, or the id taken; turned away while {@code from} or the code has too many recent refusals.
     */
    @Transactional
    public Claimed claim(String code, String deviceId, String from) {
        String codeHash = code == null ? "none" : SecretHasher.sha256(normalize(code));
        String target = "code:" + codeHash;
        throttled(from, target, "claim", deviceId);
        ClaimCode entity = code == null ? null : ClaimCode.findById(codeHash);
        Instant now = clock.instant();
        if (entity == null || entity.usedAt != null || !now.isBefore(entity.expiresAt)) {
            throw refusal(from, target, "code_invalid", deviceId, "code unknown, used or expired",
                    new HubException(IdentityError.CLAIM_CODE_INVALID, "the claim code is unknown, already used or expired"));
        }
        if (!Topics.isValidDeviceId(deviceId)) {
            throw refusal(from, target, "invalid_device", null, "device id not valid",
                    new HubException(DeviceError.INVALID_DEVICE, "device id must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        Device existing = Device.findById(deviceId);
        if (existing != null && existing.registration != Registration.PENDING) {
            // a code must not let its holder take over a kiosk that is already registered
            throw refusal(from, target, "device_exists", deviceId, "device id already registered",
                    new HubException(IdentityError.DEVICE_EXISTS, "'" + deviceId + "' is already registered; choose another id"));
        }
        entity.usedAt = now;
        String secret = SecretHasher.newSecret();
        String token = SecretHasher.newSecret();
        DeviceClaim claim = new DeviceClaim();
        claim.id = UUID.randomUUID().toString();
        claim.codeHash = entity.codeHash;
        claim.deviceId = deviceId;
        claim.pickupHash = SecretHasher.sha256(token);
        claim.secretHash = SecretHasher.hash(secret);
        claim.sealedSecret = SecretSeal.seal(secret, token);
        claim.status = DeviceClaim.Status.PENDING;
        claim.requestedAt = now;
        claim.requestedFrom = from;
        claim.persist();
        audit.record("device:" + deviceId, "claim.requested", deviceId,
                "claim " + claim.id + " with code ending " + entity.codeHint + " from " + from);
        return new Claimed(claim.id, deviceId, token, claim.status);
    }

    @Transactional
    public List<View> list(DeviceClaim.Status status, int limit) {
        var query = status == null ? DeviceClaim.<DeviceClaim>find("order by requestedAt desc")
                : DeviceClaim.<DeviceClaim>find("status = ?1 order by requestedAt desc", status);
        return query.page(0, Math.max(1, Math.min(limit, 1000))).stream().map(this::view).toList();
    }

    /** Approves a pending claim: the device is registered on the code's site and its secret becomes valid. */
    @Transactional
    public View approve(String claimId, String actor) {
        DeviceClaim claim = pending(claimId);
        ClaimCode code = ClaimCode.findById(claim.codeHash);
        Device existing = Device.findById(claim.deviceId);
        if (existing != null && existing.registration != Registration.PENDING) {
            throw new HubException(IdentityError.DEVICE_EXISTS, "'" + claim.deviceId + "' was registered meanwhile; reject this claim");
        }
        devices.register(claim.deviceId, code.siteId, code.hardwareModel);
        credentials.store(claim.deviceId, claim.secretHash, null, actor);
        claim.status = DeviceClaim.Status.APPROVED;
        claim.decidedAt = clock.instant();
        claim.decidedBy = actor;
        audit.record(actor, "claim.approved", claim.deviceId, "claim " + claim.id + " onto site " + code.siteId);
        changes.fire(new AccessChanged("claim of " + claim.deviceId));
        return view(claim);
    }

    @Transactional
    public View reject(String claimId, String actor) {
        DeviceClaim claim = pending(claimId);
        claim.status = DeviceClaim.Status.REJECTED;
        claim.sealedSecret = null;
        claim.decidedAt = clock.instant();
        claim.decidedBy = actor;
        audit.record(actor, "claim.rejected", claim.deviceId, "claim " + claim.id);
        return view(claim);
    }

    /**
     * The box collects its secret with its pickup token: the secret once the claim is approved, only the
     * status before; the sealed secret is deleted when collected.
     */
    @Transactional
    public Pickup pickup(String claimId, String token, String from) {
        String target = "claim:" + claimId;
        throttled(from, target, "pickup", null);
        DeviceClaim claim = claimId == null ? null : DeviceClaim.findById(claimId);
        if (claim == null) {
            throw refusal(from, target, "claim_not_found", null, "no claim '" + claimId + "'",
                    new HubException(IdentityError.CLAIM_NOT_FOUND, "no claim '" + claimId + "'"));
        }
        if (token == null || !MessageDigest.isEqual(claim.pickupHash.getBytes(StandardCharsets.US_ASCII),
                SecretHasher.sha256(token).getBytes(StandardCharsets.US_ASCII))) {
            throw refusal(from, target, "pickup_denied", claim.deviceId, "wrong pickup token for claim " + claimId,
                    new HubException(IdentityError.PICKUP_DENIED, "the pickup token does not match this claim"));
        }
        return switch (claim.status) {
            case PENDING -> new Pickup(claim.status, claim.deviceId, null);
            case REJECTED -> throw new HubException(IdentityError.CLAIM_REJECTED, "an operator rejected this claim");
            case COLLECTED -> throw new HubException(IdentityError.CLAIM_DECIDED,
                    "the secret of this claim was already collected; ask an operator to issue new credentials");
            case APPROVED -> {
                String secret = SecretSeal.open(claim.sealedSecret, token);
                if (secret == null) {
                    throw new IllegalStateException("the sealed secret of claim " + claim.id + " does not open with its verified token");
                }
                claim.sealedSecret = null;
                claim.status = DeviceClaim.Status.COLLECTED;
                claim.collectedAt = clock.instant();
                audit.record("device:" + claim.deviceId, "claim.collected", claim.deviceId, "claim " + claim.id);
                yield new Pickup(DeviceClaim.Status.APPROVED, claim.deviceId, secret);
            }
        };
    }

    private DeviceClaim pending(String claimId) {
        DeviceClaim claim = DeviceClaim.findById(claimId);
        if (claim == null) {
            throw new HubException(IdentityError.CLAIM_NOT_FOUND, "no claim '" + claimId + "'");
        }
        if (claim.status != DeviceClaim.Status.PENDING) {
            throw new HubException(IdentityError.CLAIM_DECIDED, "the claim is already " + claim.status.name().toLowerCase(Locale.ROOT));
        }
        return claim;
    }

    private View view(DeviceClaim claim) {
        ClaimCode code = ClaimCode.findById(claim.codeHash);
        return new View(claim.id, claim.deviceId, code.siteId, code.hardwareModel, claim.status, code.codeHint,
                claim.requestedAt, claim.requestedFrom, claim.decidedAt, claim.decidedBy, claim.collectedAt);
    }

    /** Turns the attempt away, counted, while its source or target has too many recent refusals. */
    private void throttled(String from, String target, String what, String deviceId) {
        throttle.wait(String.valueOf(from), target).ifPresent(wait -> {
            count("throttled");
            LOG.debug("{} {} from {} turned away for {}", deviceId, what, from, wait);
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            throw new HubException(IdentityError.CLAIM_THROTTLED, "too many refused claims or pickups from this address or with this "
                    + "code; try again in " + seconds + " s", Duration.ofSeconds(seconds));
        });
    }

    /**
     * Counts and audits a refused claim or pickup, in a transaction of its own (the caller's rolls back), and
     * returns the exception to throw.
     */
    private HubException refusal(String from, String target, String reason, String deviceId, String detail, HubException answer) {
        count(reason);
        throttle.refused(String.valueOf(from), target);
        // an id the box made up is not a name to file the record under
        String device = deviceId != null && Topics.isValidDeviceId(deviceId) ? deviceId : null;
        LOG.warn("{} claim or pickup refused from {}: {}", device, from, detail);
        QuarkusTransaction.requiringNew().run(() -> audit.record(device == null ? "unknown-box" : "device:" + device, "claim.refused",
                device == null ? target : device, reason + " from " + from + ": " + detail));
        return answer;
    }

    private void count(String reason) {
        Counter.builder("kioskops.identity.claims.refused").tag("reason", reason)
                .description("Claims and pickups refused").register(metrics).increment();
    }

    /** Upper case without separators: installers type codes from labels. */
    static String normalize(String code) {
        return code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
