package org.kioskops.hub.update;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.SeekableByteChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.error.HubException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Software releases: uploaded once per kind and version, kept by content, and accepted only with an Ed25519
 * signature that verifies against a trusted release key (or, on a demo hub, signed here).
 */
@ApplicationScoped
public class ReleaseService {
    private static final Logger LOG = LoggerFactory.getLogger(ReleaseService.class);
    private static final List<String> KINDS = List.of("agent", "firmware");

    @Inject
    UpdateConfig config;

    @Inject
    ReleaseStore store;

    @Inject
    ReleaseSigning signing;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A release as the API shows it. */
    public record View(long id, String kind, String version, List<String> hardwareModels, String notes, String fileName, long sizeBytes,
                       String sha256, String signature, String keyId, boolean signedByHub, Instant uploadedAt, String uploadedBy) {
        static View of(Release r) {
            return new View(r.id, r.kind, r.version, Arrays.asList(r.hardwareModels.split(",")), r.notes, r.fileName, r.sizeBytes, r.sha256,
                    r.signature, r.keyId, r.signedByHub, r.uploadedAt, r.uploadedBy);
        }
    }

    /** What an upload says about the release besides its bytes. */
    public record Upload(String kind, String version, List<String> hardwareModels, String notes, String fileName, String signature) {
    }

    /**
     * Keeps a release: its file by content, then its record once the signature holds.
     *
     * @param signature base64 Ed25519 signature of the file's bytes, made offline; null to have a demo hub sign
     */
    public View upload(Upload u, InputStream content, String actor) {
        validate(u);
        if (QuarkusTransaction.requiringNew().call(() -> Release.count("kind = ?1 and version = ?2", u.kind(), u.version())) > 0) {
            throw new HubException(UpdateError.RELEASE_EXISTS, u.kind() + " " + u.version() + " exists; releases never change");
        }
        ReleaseStore.Stored stored;
        try {
            stored = store.put(content, config.maxBytes());
        } catch (ReleaseStore.TooLargeException e) {
            throw new HubException(UpdateError.RELEASE_TOO_LARGE, "the file is " + e.getMessage() + " (kioskops.updates.max-bytes)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the release file", e);
        }
        String signature;
        String keyId;
        boolean signedHere = false;
        try (SeekableByteChannel file = store.open(stored.sha256())) {
            if (u.signature() != null && !u.signature().isBlank()) {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(u.signature().strip());
                } catch (IllegalArgumentException e) {
                    throw new HubException(UpdateError.INVALID_RELEASE, "signature is not base64: " + e.getMessage());
                }
                keyId = signing.verify(file, bytes).map(ReleaseSigning.Verified::keyId).orElseThrow(() -> new HubException(
                        UpdateError.BAD_SIGNATURE, "the signature of " + u.fileName() + " (sha256 " + stored.sha256()
                        + ") verifies against none of the " + signing.trustedKeys().size() + " trusted release keys"));
                signature = Base64.getEncoder().encodeToString(bytes);
            } else if (signing.canSign()) {
                Map.Entry<byte[], String> made = signing.sign(file);
                signature = Base64.getEncoder().encodeToString(made.getKey());
                keyId = made.getValue();
                signedHere = true;
            } else {
                throw new HubException(UpdateError.UNSIGNED_RELEASE, "upload the file's detached Ed25519 signature (field 'signature'), "
                        + "made offline with the release key");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the release file", e);
        }
        String sig = signature;
        String key = keyId;
        boolean byHub = signedHere;
        Release saved = QuarkusTransaction.requiringNew().call(() -> {
            Release r = new Release();
            r.kind = u.kind();
            r.version = u.version();
            r.hardwareModels = String.join(",", u.hardwareModels());
            r.notes = u.notes();
            r.fileName = u.fileName();
            r.sizeBytes = stored.bytes();
            r.sha256 = stored.sha256();
            r.signature = sig;
            r.keyId = key;
            r.signedByHub = byHub;
            r.uploadedAt = clock.instant();
            r.uploadedBy = actor;
            r.persist();
            audit.record(actor, "release.uploaded", "release:" + r.kind + "/" + r.version,
                    "sha256 " + r.sha256 + ", " + r.sizeBytes + " bytes, key " + key + (byHub ? " (signed by the hub's demo key)" : ""));
            return r;
        });
        LOG.info("Release {} {} kept: {} bytes, sha256 {}, signed by key {}", saved.kind, saved.version, saved.sizeBytes, saved.sha256, key);
        return View.of(saved);
    }

    private static void validate(Upload u) {
        if (u.kind() == null || !KINDS.contains(u.kind())) {
            throw new HubException(UpdateError.INVALID_RELEASE, "kind must be one of " + KINDS);
        }
        if (u.version() == null || !u.version().matches("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")) {
            throw new HubException(UpdateError.INVALID_RELEASE, "version is 1 to 64 letters, digits and . + _ -, such as 1.4.2");
        }
        if (u.hardwareModels().isEmpty() || u.hardwareModels().stream().anyMatch(m -> !m.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"))) {
            throw new HubException(UpdateError.INVALID_RELEASE, "hardwareModels names one or more models, such as rpi4-kiosk-v2");
        }
        if (u.notes() != null && u.notes().length() > 4000) {
            throw new HubException(UpdateError.INVALID_RELEASE, "notes take up to 4000 characters");
        }
        if (u.fileName() == null || u.fileName().isBlank() || u.fileName().length() > 200) {
            throw new HubException(UpdateError.INVALID_RELEASE, "a release needs its file (form field 'file')");
        }
    }

    public List<View> list() {
        return QuarkusTransaction.requiringNew().call(() -> Release.<Release>list("order by id desc").stream().map(View::of).toList());
    }

    public View get(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Release r = Release.findById(id);
            if (r == null) {
                throw new HubException(UpdateError.RELEASE_NOT_FOUND, "no release " + id);
            }
            return View.of(r);
        });
    }

    /** The file of a release, to read from any position; the caller closes it. */
    public SeekableByteChannel open(View release) throws IOException {
        return store.open(release.sha256());
    }

    /** The trusted release public keys by id, PEM: what boxes pin in their configuration. */
    public Map<String, String> trustedKeys() {
        return signing.trustedKeys();
    }
}
