package org.kioskops.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a device (or the hub) verifies the broker's TLS certificate under this contract: against the CA
 * certificates of a PEM file, typically the one the hub serves at {@code GET /api/broker/ca.pem}, and
 * nothing else; or, without a file, against the JVM's public CAs. Host names are checked by the MQTT
 * client (Paho does so by default). A device that authenticates with a client certificate (issued by the
 * hub at {@code POST /api/devices/{id}/certificate}) also presents that certificate and its key.
 */
public final class BrokerTrust {
    private BrokerTrust() {
    }

    /**
     * A socket factory trusting only the CA certificates in {@code caFile}.
     *
     * @throws IOException if the file cannot be read or holds no certificate
     */
    public static SSLSocketFactory socketFactory(Path caFile) throws IOException {
        return socketFactory(caFile, null);
    }

    /**
     * A socket factory trusting only the CA certificates in {@code caFile} (or, if null, the JVM's) and
     * presenting {@code identity} to the broker, if not null.
     *
     * @throws IOException if a file cannot be read or does not hold what it should
     */
    public static SSLSocketFactory socketFactory(Path caFile, ClientIdentity identity) throws IOException {
        TrustManagerFactory trust = caFile == null ? null : trustManagers(caFile);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : identity.keyManagers(),
                    trust == null ? null : trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static TrustManagerFactory trustManagers(Path caFile) throws IOException {
        byte[] pem = Files.readAllBytes(caFile);
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certificates.isEmpty()) {
                throw new IOException(caFile + " holds no PEM certificate");
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            return trust;
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile + " is not a usable PEM CA certificate: " + e.getMessage(), e);
        }
    }
}
