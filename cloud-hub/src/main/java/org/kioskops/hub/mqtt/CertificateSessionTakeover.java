package org.kioskops.hub.mqtt;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.kioskops.hub.identity.CertificateAuthority;
import org.kioskops.protocol.BrokerTrust;
import org.kioskops.protocol.ClientIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts devices off Mosquitto's client-certificate listener. Mosquitto (2.0) re-reads its CRL on SIGHUP and
 * refuses revoked certificates from then on, but does not re-check clients already connected with one. So
 * the hub takes over each such device's session: it connects as the device, with a certificate for the
 * device's id that it signs for the purpose and that is valid for two minutes, which makes Mosquitto drop
 * the device's connection (session taken over), and disconnects at once. The device's session (its queued
 * messages) is kept, so a box that merely renewed its certificate loses nothing.
 */
public final class CertificateSessionTakeover {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateSessionTakeover.class);
    private static final long SESSION_EXPIRY_SECONDS = 7L * 24 * 3600;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final String url;
    private final Optional<Path> serverCaFile;
    private final CertificateAuthority ca;

    /**
     * @param url          the certificate listener, {@code ssl://host:port}
     * @param serverCaFile the CA of the listener's server certificate, or empty for the JVM's public CAs
     * @param ca           the hub's CA, which signs device certificates
     */
    public CertificateSessionTakeover(String url, Optional<Path> serverCaFile, CertificateAuthority ca) {
        this.url = url;
        this.serverCaFile = serverCaFile;
        this.ca = ca;
    }

    /** Takes over each device's session, one after the other; a device that is not connected is a no-op. */
    public void cutOff(Collection<String> deviceIds) {
        for (String deviceId : deviceIds) {
            try {
                takeOver(deviceId);
                LOG.info("{} cut off the certificate listener {} (certificate revoked or replaced)", deviceId, url);
            } catch (IOException | MqttException | RuntimeException e) {
                // the CRL already refuses the certificate at the next connection; only an open one may linger
                LOG.error("{} may still be connected to {} with its revoked certificate: cannot take over its session: {}",
                        deviceId, url, e.toString());
            }
        }
    }

    private void takeOver(String deviceId) throws IOException, MqttException {
        KeyPair pair = CertificateAuthority.newDeviceKeyPair();
        X509Certificate certificate = ca.issueClient(deviceId, pair.getPublic(), Duration.ofMinutes(2));
        SSLSocketFactory tls = BrokerTrust.socketFactory(serverCaFile.orElse(null),
                ClientIdentity.of(pair.getPrivate(), certificate, ca.certificate()));
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(SESSION_EXPIRY_SECONDS);
        options.setConnectionTimeout(TIMEOUT_MILLIS / 1000);
        options.setAutomaticReconnect(false);
        options.setSocketFactory(tls);
        options.setHttpsHostnameVerificationEnabled(true);
        MqttAsyncClient client = new MqttAsyncClient(url, deviceId, null);
        try {
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(TIMEOUT_MILLIS);
            client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
        } finally {
            client.close(true);
        }
    }
}
