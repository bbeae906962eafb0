package org.kioskops.agent.update;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** The Ed25519 public key pinned in the agent's configuration, which every release must be signed with. */
public final class ReleaseKey {
    private final PublicKey key;

    private ReleaseKey(PublicKey key) {
        this.key = key;
    }

    /** Reads a PEM public key as {@code openssl pkey -pubout} writes it. */
    public static ReleaseKey load(Path pem) throws IOException {
        String text = Files.readString(pem);
        String body = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return new ReleaseKey(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(pem + " is not an Ed25519 public key in PEM: " + e.getMessage(), e);
        }
    }

    /** Whether {@code signatureBase64} is this key's signature of the file's bytes; reads the file once. */
    public boolean verifies(Path file, String signatureBase64) throws IOException {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            // Ed25519 signs the whole message at once (no pre-hash): the JDK buffers it; releases are tens of MB at most
            verifier.update(Files.readAllBytes(file));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
