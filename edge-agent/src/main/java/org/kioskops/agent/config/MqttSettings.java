package org.kioskops.agent.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kioskops.protocol.ClientIdentity;

/**
 * How the agent reaches the broker. Defaults keep data safe: a persistent session (clean start off,
 * session expiry one week) so that the broker queues commands while the box is offline, and reconnects
 * spread by exponential backoff with jitter so that a district-wide outage does not end in a storm.
 *
 * @param url                     {@code tcp://host:port} or {@code ssl://host:port}; or {@code coaps://host:port} for a box
 *                                that reaches the hub with CoAP over DTLS (docs/coap.md), whose secret is then its
 *                                pre-shared key
 * @param clientId                MQTT client id; defaults to the device id
 * @param keepAliveSeconds        MQTT keep-alive; the broker declares the box dead after 1.5 times this
 * @param sessionExpirySeconds    how long the broker keeps the session after a disconnect
 * @param connectTimeoutSeconds   time allowed for one connection attempt
 * @param reconnectMinDelayMillis first reconnect delay; doubles per failed attempt
 * @param reconnectMaxDelayMillis upper bound of the reconnect delay
 * @param maxInFlight             most unacknowledged publishes; the broker's Receive Maximum lowers it
 * @param username                MQTT user name; defaults to the device id, which KioskOps brokers require
 * @param password                the device's secret, inline; prefer {@code passwordFile}
 * @param passwordFile            file holding the device's secret (mode 0600), re-read at every connection
 *                                attempt so that a rotated secret needs no restart
 * @param caFile                  PEM file of the CA that signed the broker's certificate, for {@code ssl://};
 *                                without it the JVM's public CAs are trusted
 * @param certFile                PEM client certificate issued by the hub ({@code POST /api/devices/{id}/certificate});
 *                                with {@code keyFile}, the box authenticates by certificate instead of a secret.
 *                                Both are re-read at every connection attempt, so a renewed certificate needs
 *                                no restart
 * @param keyFile                 the certificate's private key, unencrypted PKCS#8 PEM (mode 0600)
 */
public record MqttSettings(
        String url,
        String clientId,
        Integer keepAliveSeconds,
        Long sessionExpirySeconds,
        Integer connectTimeoutSeconds,
        Long reconnectMinDelayMillis,
        Long reconnectMaxDelayMillis,
        Integer maxInFlight,
        String username,
        String password,
        Path passwordFile,
        Path caFile,
        Path certFile,
        Path keyFile) {

    public MqttSettings {
        keepAliveSeconds = keepAliveSeconds == null ? 30 : keepAliveSeconds;
        sessionExpirySeconds = sessionExpirySeconds == null ? 7L * 24 * 3600 : sessionExpirySeconds;
        connectTimeoutSeconds = connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
        reconnectMinDelayMillis = reconnectMinDelayMillis == null ? 1_000L : reconnectMinDelayMillis;
        reconnectMaxDelayMillis = reconnectMaxDelayMillis == null ? 120_000L : reconnectMaxDelayMillis;
        maxInFlight = maxInFlight == null ? 20 : maxInFlight;
    }

    /** Settings with every default, connecting to {@code url} without credentials. */
    public static MqttSettings defaults(String url) {
        return new MqttSettings(url, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** These settings with a secret and, when not null, a CA file. */
    public MqttSettings withCredentials(String secret, Path ca) {
        return new MqttSettings(url, clientId, keepAliveSeconds, sessionExpirySeconds, connectTimeoutSeconds,
                reconnectMinDelayMillis, reconnectMaxDelayMillis, maxInFlight, username, secret, null, ca, null, null);
    }

    /** These settings with a client certificate and its key instead of a secret; a CA file when not null. */
    public MqttSettings withCertificate(Path certificate, Path key, Path ca) {
        return new MqttSettings(url, clientId, keepAliveSeconds, sessionExpirySeconds, connectTimeoutSeconds,
                reconnectMinDelayMillis, reconnectMaxDelayMillis, maxInFlight, username, null, null, ca, certificate, key);
    }

    /** Whether the box authenticates with a client certificate. */
    public boolean hasCertificate() {
        return certFile != null;
    }

    /** Whether a secret is configured, inline or in a file. */
    public boolean hasSecret() {
        return password != null || passwordFile != null;
    }

    /**
     * The secret: inline, or read from {@code passwordFile} now (trailing line breaks dropped); null when none
     * is configured.
     *
     * @throws IOException if the file cannot be read
     */
    public String secret() throws IOException {
        if (password != null) {
            return password;
        }
        if (passwordFile == null) {
            return null;
        }
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    }

    /** Never shows the secret: settings end up in logs and error messages. */
    @Override
    public String toString() {
        return "MqttSettings[url=" + url + ", clientId=" + clientId + ", username=" + username
                + ", password=" + (password == null ? "none" : "****") + ", passwordFile=" + passwordFile
                + ", caFile=" + caFile + ", certFile=" + certFile + ", keyFile=" + keyFile + ", keepAliveSeconds=" + keepAliveSeconds + ", sessionExpirySeconds="
                + sessionExpirySeconds + ", maxInFlight=" + maxInFlight + "]";
    }

    void validate(ConfigErrors errors) {
        validate(errors, false);
    }

    /** @param secretToBeClaimed whether the box claims its secret (provisioning), so that the file may not exist yet */
    void validate(ConfigErrors errors, boolean secretToBeClaimed) {
        if (url == null || !(url.startsWith("tcp://") || url.startsWith("ssl://") || url.startsWith("coaps://"))) {
            errors.add("mqtt.url", "must be tcp://host:port or ssl://host:port (MQTT), or coaps://host:port (CoAP over DTLS)", url);
        }
        if (url != null && url.startsWith("coaps://") && !hasSecret()) {
            errors.add("mqtt.passwordFile", "coaps:// needs the device's pre-shared key (POST /api/devices/{id}/credentials/psk) "
                    + "in password or passwordFile", null);
        }
        errors.range("mqtt.keepAliveSeconds", keepAliveSeconds, 5, 3600);
        errors.range("mqtt.sessionExpirySeconds", sessionExpirySeconds, 60, 90L * 24 * 3600);
        errors.range("mqtt.connectTimeoutSeconds", connectTimeoutSeconds, 1, 300);
        errors.range("mqtt.reconnectMinDelayMillis", reconnectMinDelayMillis, 10, 600_000);
        errors.range("mqtt.reconnectMaxDelayMillis", reconnectMaxDelayMillis, reconnectMinDelayMillis, 3_600_000);
        errors.range("mqtt.maxInFlight", maxInFlight, 1, 65535);
        if (clientId != null && (clientId.isBlank() || clientId.length() > 128)) {
            errors.add("mqtt.clientId", "must be 1 to 128 characters", clientId);
        }
        if (username != null && (username.isBlank() || username.length() > 128)) {
            errors.add("mqtt.username", "must be 1 to 128 characters", username);
        }
        if (password != null && passwordFile != null) {
            errors.add("mqtt.password", "give either password or passwordFile, not both", "****");
        }
        if (password != null && password.isBlank()) {
            errors.add("mqtt.password", "must not be blank", "****");
        }
        if (passwordFile != null && !(secretToBeClaimed && !Files.exists(passwordFile))) {
            try {
                if (Files.readString(passwordFile, StandardCharsets.UTF_8).isBlank()) {
                    errors.add("mqtt.passwordFile", "is empty", passwordFile);
                }
            } catch (IOException e) {
                errors.add("mqtt.passwordFile", "cannot be read: " + e.getClass().getSimpleName(), passwordFile);
            }
        }
        if (caFile != null) {
            if (!Files.isReadable(caFile)) {
                errors.add("mqtt.caFile", "cannot be read", caFile);
            } else if (url != null && url.startsWith("tcp://")) {
                errors.add("mqtt.caFile", "is only used with ssl:// URLs; use ssl:// or drop caFile", caFile);
            }
        }
        if ((certFile == null) != (keyFile == null)) {
            errors.add(certFile == null ? "mqtt.certFile" : "mqtt.keyFile", "certFile and keyFile go together; give both or neither",
                    certFile == null ? keyFile : certFile);
        } else if (certFile != null) {
            if (url != null && url.startsWith("tcp://")) {
                errors.add("mqtt.certFile", "a client certificate needs TLS; use an ssl:// URL", certFile);
            }
            if (hasSecret()) {
                errors.add("mqtt.certFile", "give a client certificate or a secret (password/passwordFile), not both", certFile);
            }
            try {
                ClientIdentity.load(certFile, keyFile);
            } catch (IOException e) {
                errors.add("mqtt.certFile", "unusable: " + e.getMessage(), certFile);
            }
        }
    }
}
