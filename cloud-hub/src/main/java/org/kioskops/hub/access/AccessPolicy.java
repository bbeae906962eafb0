package org.kioskops.hub.access;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which role a request to the REST API needs. Reading needs any user; acting on an alert needs a contractor (of
 * the alert's owning organisation, checked against the alert); every other change needs an operator; users and
 * tokens of others need an administrator. What devices fetch with their own proof needs no user.
 */
public final class AccessPolicy {
    private static final Pattern RELEASE_FILE = Pattern.compile("/api/releases/\\d+/file");
    private static final Pattern COMMAND_ARTIFACT = Pattern.compile("/api/commands/\\d+/artifact");
    private static final Pattern CLAIM_PICKUP = Pattern.compile("/api/claims/[^/]+/pickup");
    private static final Pattern ALERT_ACTION = Pattern.compile("/api/alerts/(\\d+)/(acknowledge|resolve|comments|assign)");

    private AccessPolicy() {
    }

    /**
     * Whether anyone may call: the broker's CA certificate, release files (signed; devices download them), a
     * device's upload with its one-time token, a box's claim with its claim code and the pickup with its pickup
     * token (zero-touch provisioning: the box has no other credential yet; refusals are throttled and audited),
     * and the login itself.
     */
    public static boolean isPublic(String method, String path, boolean hasToken) {
        return ("GET".equals(method) || "HEAD".equals(method)) && (path.equals("/api/broker/ca.pem") || RELEASE_FILE.matcher(path).matches())
                || "PUT".equals(method) && hasToken && COMMAND_ARTIFACT.matcher(path).matches()
                || "POST".equals(method) && (path.equals("/api/auth/login") || path.equals("/api/claims")
                        || CLAIM_PICKUP.matcher(path).matches());
    }

    /** The role a request needs. */
    public static Role needed(String method, String path) {
        if (path.startsWith("/api/users")) {
            return Role.ADMIN;
        }
        if (path.startsWith("/api/auth/")) {
            return Role.VIEWER;
        }
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return Role.VIEWER;
        }
        if ("POST".equals(method) && ALERT_ACTION.matcher(path).matches()) {
            return Role.CONTRACTOR;
        }
        return Role.OPERATOR;
    }

    private static final Pattern DEVICE = Pattern.compile("/api/devices/([^/]+)(/.*)?");
    private static final Pattern SITE = Pattern.compile("/api/sites/([^/]+)(/.*)?");

    /** The device a read is about, for confining a contractor to its part of the fleet. */
    public static Optional<String> deviceRead(String path) {
        Matcher m = DEVICE.matcher(path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The site node a read is about. */
    public static Optional<String> siteRead(String path) {
        Matcher m = SITE.matcher(path);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The alert an action is about, when a contractor's organisation must own it. */
    public static Optional<Long> alertActedOn(String method, String path) {
        Matcher m = ALERT_ACTION.matcher(path);
        return "POST".equals(method) && m.matches() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }
}
