package org.kioskops.agent.config;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Zero-touch provisioning: a box that has no secret yet claims its device id with a one-time claim code
 * (docs/security.md, "Zero-touch: claim codes") and writes the secret it collects, once an operator approved, to
 * {@code mqtt.passwordFile}, which the uplink reads at its next connection attempt.
 *
 * @param claimCode   the code on the installer's label, such as {@code 7KQM-2XHC-9RTW}; none: the box does not claim
 * @param hubUrl      the hub's HTTP API, such as {@code https://hub.example.city}; the box calls
 *                    {@code POST /api/claims} and {@code POST /api/claims/{id}/pickup} there, with no other credential
 * @param pollSeconds how often the box asks whether its claim was approved, in seconds (5 to 3600). Default 30.
 */
public record ProvisioningSettings(String claimCode, String hubUrl, Integer pollSeconds) {
    public ProvisioningSettings {
        pollSeconds = pollSeconds == null ? 30 : pollSeconds;
    }

    /** No claiming: the box has its credentials from elsewhere. */
    public static ProvisioningSettings none() {
        return new ProvisioningSettings(null, null, null);
    }

    /** Whether the box claims its secret with a code. */
    public boolean claims() {
        return claimCode != null;
    }

    void validate(ConfigErrors errors, MqttSettings mqtt) {
        if (!claims()) {
            return;
        }
        if (claimCode.isBlank() || claimCode.length() > 64) {
            errors.add("provisioning.claimCode", "must be 1 to 64 characters", "****");
        }
        if (hubUrl == null || !validHttpUrl(hubUrl)) {
            errors.add("provisioning.hubUrl", "must be the hub's http:// or https:// address", hubUrl);
        }
        errors.range("provisioning.pollSeconds", pollSeconds, 5, 3600);
        if (mqtt != null && (mqtt.passwordFile() == null || mqtt.password() != null || mqtt.hasCertificate())) {
            errors.add("mqtt.passwordFile", "is where a claimed secret is written: set it, and no password or certFile", mqtt.passwordFile());
        }
    }

    private static boolean validHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
