package org.kioskops.hub.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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
import org.kioskops.hub.broker.RevokedSessions;
import org.kioskops.hub.config.BrokerConfig;
import org.kioskops.hub.config.MqttConfig;
import org.kioskops.hub.identity.BrokerCa;
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
 *
 * <p>Needs {@code kioskops.broker.access.certificate-listener-url}; without it revoked devices are refused from
 * their next connection on and a warning says so.
 */
@ApplicationScoped
public class CertificateSessionTakeover implements RevokedSessions {
    private static final Logger LOG = LoggerFactory.getLogger(CertificateSessionTakeover.class);
    private static final long SESSION_EXPIRY_SECONDS = 7L * 24 * 3600;
    private static final int TIMEOUT_MILLIS = 10_000;

    private final Optional<String> url;
    private final Optional<Path> serverCaFile;
    private final BrokerCa ca;

    @Inject
    public CertificateSessionTakeover(BrokerConfig broker, MqttConfig mqtt, BrokerCa ca) {
        this.url = broker.access().certificateListenerUrl();
        this.serverCaFile = mqtt.caFile().map(Path::of);
        this.ca = ca;
    }

    @Override
    public void cutOff(Collection<String> deviceIds) {
        if (url.isEmpty()) {
            LOG.warn("Certificates of {} were revoked, but kioskops.broker.access.certificate-listener-url is not set: "
                    + "Mosquitto refuses them from now on but keeps open connections open", deviceIds);
            return;
        }
        for (String deviceId : deviceIds) {
            try {
                takeOver(deviceId, ca.authority());
                LOG.info("{} cut off the certificate listener {} (certificate revoked or replaced)", deviceId, url.get());
            } catch (IOException | MqttException | RuntimeException e) {
                // the CRL already refuses the certificate at the next connection; only an open one may linger
                LOG.error("{} may still be connected to {} with its revoked certificate: cannot take over its session: {}",
                        deviceId, url.get(), e.toString());
            }
        }
    }

    private void takeOver(String deviceId, CertificateAuthority ca) throws IOException, MqttException {
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
        MqttAsyncClient client = new MqttAsyncClient(url.get(), deviceId, null);
        try {
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(TIMEOUT_MILLIS);
            client.disconnect().waitForCompletion(TIMEOUT_MILLIS);
        } finally {
            client.close(true);
        }
    }
}
