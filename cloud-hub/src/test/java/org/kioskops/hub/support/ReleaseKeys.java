package org.kioskops.hub.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Release signing keys for tests: the release key the hub trusts (its public key in a PEM file the hub is
 * configured with) and a stranger's key it does not. Signs as a release manager would, offline.
 */
public final class ReleaseKeys {
    public static final KeyPair TRUSTED = generate();
    public static final KeyPair STRANGER = generate();
    public static final Path TRUSTED_PUBLIC_PEM = write("trusted-release-key.pub.pem", "PUBLIC KEY", TRUSTED.getPublic().getEncoded());
    public static final Path TRUSTED_PRIVATE_PEM = write("trusted-release-key.pem", "PRIVATE KEY", TRUSTED.getPrivate().getEncoded());

    private ReleaseKeys() {
    }

    /** The base64 Ed25519 signature of {@code content} with {@code key}. */
    public static String sign(KeyPair key, byte[] content) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key.getPrivate());
            s.update(content);
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} (base64) is {@code key}'s over {@code content}. */
    public static boolean verifies(PublicKey key, byte[] content, String signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(content);
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path write(String name, String type, byte[] der) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "release-keys"));
            Path file = dir.resolve(ProcessHandle.current().pid() + "-" + name);
            Files.writeString(file, "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type
                    + "-----\n", StandardCharsets.US_ASCII);
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
