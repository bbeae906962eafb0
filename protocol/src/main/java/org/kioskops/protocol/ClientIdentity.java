package org.kioskops.protocol;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.security.auth.x500.X500Principal;

/**
 * A device's TLS client identity: its certificate (PEM, possibly followed by the chain) and its private
 * key (unencrypted PKCS#8 PEM, {@code -----BEGIN PRIVATE KEY-----}, EC or RSA), as the hub issues them and
 * as Mosquitto's {@code --cert}/{@code --key} take them. The certificate's common name is the device id.
 */
public final class ClientIdentity {
    private final List<X509Certificate> chain;
    private final PrivateKey key;

    private ClientIdentity(List<X509Certificate> chain, PrivateKey key) {
        this.chain = chain;
        this.key = key;
    }

    /**
     * Reads a certificate file and a key file.
     *
     * @throws IOException if either cannot be read or parsed; the message names the file, never the key
     */
    public static ClientIdentity load(Path certificateFile, Path keyFile) throws IOException {
        List<X509Certificate> chain;
        try {
            chain = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Files.readAllBytes(certificateFile))).stream()
                    .map(X509Certificate.class::cast).toList();
        } catch (GeneralSecurityException e) {
            throw new IOException(certificateFile + " is not a PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException(certificateFile + " holds no PEM certificate");
        }
        String pem = Files.readString(keyFile, StandardCharsets.US_ASCII);
        if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
            throw new IOException(keyFile + " is not an unencrypted PKCS#8 PEM key (-----BEGIN PRIVATE KEY-----); "
                    + "convert it with: openssl pkcs8 -topk8 -nocrypt -in old.key -out " + keyFile.getFileName());
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", ""));
        } catch (IllegalArgumentException e) {
            throw new IOException(keyFile + " is not valid PEM", e);
        }
        String algorithm = chain.get(0).getPublicKey().getAlgorithm();
        try {
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            return new ClientIdentity(chain, key);
        } catch (GeneralSecurityException e) {
            throw new IOException(keyFile + " is not a " + algorithm + " key matching " + certificateFile, e);
        }
    }

    /** An identity held in memory: a key and its certificate chain, the certificate first. */
    public static ClientIdentity of(PrivateKey key, X509Certificate... chain) {
        if (chain.length == 0) {
            throw new IllegalArgumentException("a client identity needs its certificate");
        }
        return new ClientIdentity(List.of(chain), key);
    }

    /** The common name of the certificate's subject: under this contract, the device id. */
    public String commonName() {
        return commonName(chain.get(0).getSubjectX500Principal());
    }

    /** The common name in a distinguished name, or an empty string. */
    public static String commonName(X500Principal subject) {
        try {
            for (Rdn rdn : new LdapName(subject.getName(X500Principal.RFC2253)).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // an unparsable subject names nobody
        }
        return "";
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    KeyManager[] keyManagers() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            char[] password = new char[0];
            store.setKeyEntry("device", key, password, chain.toArray(Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, password);
            return factory.getKeyManagers();
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
    }
}
