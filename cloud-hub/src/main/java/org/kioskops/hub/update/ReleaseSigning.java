package org.kioskops.hub.update;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ed25519 signatures of release files: verified against the trusted release public keys, or made with the hub's
 * demo key. A signature covers the file's bytes exactly (what {@code openssl pkeyutl -sign -rawin} makes).
 */
@ApplicationScoped
public class ReleaseSigning {
    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();
    private final PrivateKey demoKey;
    private final String demoKeyId;

    @Inject
    public ReleaseSigning(UpdateConfig config) {
        for (String file : config.releasePublicKeys().orElse(List.of())) {
            PublicKey key = publicKey(read(Path.of(file), "PUBLIC KEY"));
            trusted.put(keyId(key), key);
        }
        if (config.demoSigning()) {
            KeyPair pair = demoKeyPair(Path.of(config.dir()));
            demoKey = pair.getPrivate();
            demoKeyId = keyId(pair.getPublic());
            trusted.put(demoKeyId, pair.getPublic());
        } else {
            demoKey = null;
            demoKeyId = null;
        }
    }

    /** The hub's demo key pair, made at first use and kept as PEM files (the private one readable by the hub only). */
    private static KeyPair demoKeyPair(Path dir) {
        Path privateFile = dir.resolve("demo-release-key.pem");
        Path publicFile = dir.resolve("demo-release-key.pub.pem");
        try {
            if (Files.exists(privateFile) && Files.exists(publicFile)) {
                PrivateKey priv = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(read(privateFile, "PRIVATE KEY")));
                return new KeyPair(publicKey(read(publicFile, "PUBLIC KEY")), priv);
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "demo-release-key", ".part");
            Files.writeString(temp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's permissions must protect it
            }
            Files.move(temp, privateFile, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the demo release key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /** A verified signature: by which key. */
    public record Verified(String keyId) {
    }

    /** The trusted public keys by id, PEM, for pinning in the boxes' configuration. */
    public Map<String, String> trustedKeys() {
        Map<String, String> pem = new LinkedHashMap<>();
        trusted.forEach((id, key) -> pem.put(id, pem("PUBLIC KEY", key.getEncoded())));
        return pem;
    }

    public boolean canSign() {
        return demoKey != null;
    }

    /** Which trusted key made {@code signature} over the file; empty when none did. The file is read once for all keys. */
    public Optional<Verified> verify(SeekableByteChannel file, byte[] signature) throws IOException {
        try {
            Map<String, Signature> verifiers = new LinkedHashMap<>();
            for (Map.Entry<String, PublicKey> key : trusted.entrySet()) {
                Signature s = Signature.getInstance("Ed25519");
                s.initVerify(key.getValue());
                verifiers.put(key.getKey(), s);
            }
            feed(verifiers.values(), file);
            for (Map.Entry<String, Signature> v : verifiers.entrySet()) {
                if (verifies(v.getValue(), signature)) {
                    return Optional.of(new Verified(v.getKey()));
                }
            }
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15", e);
        }
    }

    /** Signs the file with the demo key; returns the signature and the key's id. */
    public Map.Entry<byte[], String> sign(SeekableByteChannel file) throws IOException {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(demoKey);
            feed(List.of(s), file);
            return Map.entry(s.sign(), demoKeyId);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the demo key", e);
        }
    }

    private static boolean verifies(Signature verifier, byte[] signature) {
        try {
            return verifier.verify(signature);
        } catch (SignatureException e) {
            return false; // not an Ed25519 signature at all
        }
    }

    /** Ed25519 takes the whole message: the file is read from its start in blocks into every signature at once. */
    private static void feed(Collection<Signature> signatures, SeekableByteChannel file) throws IOException, GeneralSecurityException {
        file.position(0);
        byte[] buffer = new byte[64 * 1024];
        InputStream in = Channels.newInputStream(file);
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            for (Signature s : signatures) {
                s.update(buffer, 0, n);
            }
        }
    }

    /** A key's id: the first 16 hex digits of the SHA-256 of its X.509 encoding. */
    public static String keyId(PublicKey key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())).substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An Ed25519 public key from its X.509 (SubjectPublicKeyInfo) bytes. */
    public static PublicKey publicKey(byte[] x509) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] read(Path file, String type) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII);
            String begin = "-----BEGIN " + type + "-----";
            int from = text.indexOf(begin);
            int to = text.indexOf("-----END " + type + "-----");
            if (from < 0 || to < 0) {
                throw new IllegalStateException(file + " holds no PEM " + type);
            }
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
