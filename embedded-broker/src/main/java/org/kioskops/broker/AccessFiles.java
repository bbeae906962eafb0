package org.kioskops.broker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The accounts and topic rules the hub writes for the broker, in Mosquitto's formats, so that one set of
 * files serves Mosquitto and this broker alike: {@code passwd} ({@code user:$7$iterations$salt$hash},
 * PBKDF2-HMAC-SHA512) and {@code acl} ({@code pattern}, {@code user} and {@code topic} lines, with
 * {@code %u} and {@code %c} substituted), plus {@code certificates} for this broker only: a line
 * {@code <device id> <serial in hex>} per device that authenticates with a hub-issued client certificate
 * (Mosquitto learns about revoked certificates from the CRL instead). Immutable; {@link #load} reads a
 * fresh snapshot.
 */
final class AccessFiles {
    static final String PASSWD = "passwd";
    static final String ACL = "acl";
    static final String CERTIFICATES = "certificates";

    /** One topic rule: the filter (possibly with %u/%c) and whether it allows publishing, subscribing or both. */
    record Rule(String filter, boolean read, boolean write) {
        String forClient(String username, String clientId) {
            return filter.replace("%u", username).replace("%c", clientId);
        }
    }

    private final Map<String, String> hashes;
    private final List<Rule> patterns;
    private final Map<String, List<Rule>> userRules;
    private final Map<String, String> certificateSerials;

    private AccessFiles(Map<String, String> hashes, List<Rule> patterns, Map<String, List<Rule>> userRules,
            Map<String, String> certificateSerials) {
        this.hashes = hashes;
        this.patterns = patterns;
        this.userRules = userRules;
        this.certificateSerials = certificateSerials;
    }

    static AccessFiles load(Path dir) throws IOException {
        Map<String, String> hashes = new HashMap<>();
        Path passwd = dir.resolve(PASSWD);
        if (Files.exists(passwd)) {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon > 0 && !line.startsWith("#")) {
                    hashes.put(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        }
        List<Rule> patterns = new ArrayList<>();
        Map<String, List<Rule>> userRules = new HashMap<>();
        Path acl = dir.resolve(ACL);
        if (Files.exists(acl)) {
            String user = null;
            for (String raw : Files.readAllLines(acl, StandardCharsets.UTF_8)) {
                String line = raw.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\\s+");
                switch (parts[0]) {
                    case "user" -> user = parts[1];
                    case "pattern" -> patterns.add(rule(parts));
                    case "topic" -> {
                        if (user != null) {
                            userRules.computeIfAbsent(user, u -> new ArrayList<>()).add(rule(parts));
                        }
                    }
                    default -> throw new IOException("unsupported acl line: " + line);
                }
            }
        }
        Map<String, String> serials = new HashMap<>();
        Path certificates = dir.resolve(CERTIFICATES);
        if (Files.exists(certificates)) {
            for (String raw : Files.readAllLines(certificates, StandardCharsets.UTF_8)) {
                String[] parts = raw.trim().split("\\s+");
                if (parts.length == 2 && !parts[0].startsWith("#")) {
                    serials.put(parts[0], parts[1].toLowerCase(Locale.ROOT));
                }
            }
        }
        return new AccessFiles(hashes, patterns, userRules, serials);
    }

    private static Rule rule(String[] parts) {
        if (parts.length == 2) {
            return new Rule(parts[1], true, true);
        }
        return switch (parts[1]) {
            case "read" -> new Rule(parts[2], true, false);
            case "write" -> new Rule(parts[2], false, true);
            default -> new Rule(parts[2], true, true);
        };
    }

    /** Whether {@code password} is the password of {@code username}. */
    boolean verify(String username, byte[] password) {
        String hash = hashes.get(username);
        return hash != null && matches(hash, password);
    }

    /** The stored hash of a user, or null; a change of it means the password was rotated or revoked. */
    String hashOf(String username) {
        return hashes.get(username);
    }

    /** Whether the certificate with this serial (hex) is the one currently issued to {@code deviceId}. */
    boolean acceptsCertificate(String deviceId, String serialHex) {
        return serialHex.equalsIgnoreCase(certificateSerials.getOrDefault(deviceId, ""));
    }

    /** The serial of a device's current certificate, or null; a change of it means rotated or revoked. */
    String certificateOf(String deviceId) {
        return certificateSerials.get(deviceId);
    }

    /** Every user name with a password or a certificate. */
    Set<String> users() {
        Set<String> users = new HashSet<>(hashes.keySet());
        users.addAll(certificateSerials.keySet());
        return users;
    }

    /** The topic rules of a client: its user's own rules and every pattern. */
    List<Rule> rulesFor(String username) {
        List<Rule> rules = new ArrayList<>(userRules.getOrDefault(username, List.of()));
        rules.addAll(patterns);
        return rules;
    }

    /** Checks a Mosquitto {@code $7$} hash: PBKDF2-HMAC-SHA512 with the stored salt and iterations. */
    static boolean matches(String stored, byte[] password) {
        String[] parts = stored.split("\\$");
        if (parts.length != 5 || !parts[1].equals("7")) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[2]);
            byte[] salt = Base64.getDecoder().decode(parts[3]);
            byte[] expected = Base64.getDecoder().decode(parts[4]);
            char[] chars = new String(password, StandardCharsets.UTF_8).toCharArray();
            byte[] actual = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(new PBEKeySpec(chars, salt, iterations, expected.length * 8)).getEncoded();
            return MessageDigest.isEqual(expected, actual);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
