package org.kioskops.hub.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Device secrets and their hashes. Hashes use Mosquitto's {@code $7$} format (PBKDF2-HMAC-SHA512, 12-byte
 * salt, 64-byte hash), so that the broker's password file is written straight from the database and the
 * secret itself is never kept. Secrets are 24 random bytes, base64url: 32 characters, 192 bits.
 */
public final class SecretHasher {
    /** Mosquitto's own default; the secret's 192 random bits, not the iterations, make guessing hopeless. */
    static final int ITERATIONS = 101;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretHasher() {
    }

    /** A new random secret. */
    public static String newSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The {@code $7$} hash of {@code secret} with a fresh salt. */
    public static String hash(String secret) {
        return hash(secret, ITERATIONS);
    }

    /** The same with {@code iterations} rounds: many for what people choose (passwords), where guessing is cheap. */
    public static String hash(String secret, int iterations) {
        byte[] salt = new byte[12];
        RANDOM.nextBytes(salt);
        return "$7$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(secret, salt, iterations, 64));
    }

    /** Whether {@code secret} matches a {@code $7$} hash. */
    public static boolean matches(String secret, String hash) {
        String[] parts = hash.split("\\$");
        if (parts.length != 5 || !parts[1].equals("7")) {
            return false;
        }
        byte[] expected = Base64.getDecoder().decode(parts[4]);
        byte[] actual = pbkdf2(secret, Base64.getDecoder().decode(parts[3]), Integer.parseInt(parts[2]), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] pbkdf2(String secret, byte[] salt, int iterations, int length) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(secret.toCharArray(), salt, iterations, length * 8)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available", e);
        }
    }

    /** A token's SHA-256, for tokens that must be compared but not kept (random tokens need no slow hash). */
    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
