package org.kioskops.hub.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The hub's own certificate authority (ECDSA P-256), kept as {@code ca.pem} and {@code ca-key.pem} in a
 * directory readable only by the hub. It signs the embedded broker's TLS server certificate (devices trust
 * it through the CA file the hub serves at {@code GET /api/broker/ca.pem}), the devices' client
 * certificates (common name = device id), and the CRL that tells Mosquitto which of those are revoked.
 */
public final class CertificateAuthority {
    static final String CA_CERT = "ca.pem";
    static final String CA_KEY = "ca-key.pem";
    private static final Duration CA_VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key, Clock clock) {
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
    }

    /** A key pair with its certificate chain (the certificate, then the CA's). */
    public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate ca) {
        /** The certificate as PEM. */
        public String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        /** The private key as unencrypted PKCS#8 PEM, as Mosquitto's {@code keyfile} takes it. */
        public String privateKeyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }

        /** Writes a JKS key store holding the key and chain under alias {@code server}. */
        public void writeKeyStore(Path file, char[] password) throws IOException {
            try {
                KeyStore store = KeyStore.getInstance("JKS");
                store.load(null, null);
                store.setKeyEntry("server", key, password, new Certificate[] {certificate, ca});
                storeAtomically(store, file, password);
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot write key store " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Loads the CA from {@code dir}, or creates one there (named {@code commonName}) if there is none. */
    public static CertificateAuthority loadOrCreate(Path dir, String commonName, Clock clock) throws IOException {
        Path certFile = dir.resolve(CA_CERT);
        Path keyFile = dir.resolve(CA_KEY);
        try {
            if (Files.exists(certFile) && Files.exists(keyFile)) {
                X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(certFile)));
                PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(keyFile))));
                return new CertificateAuthority(cert, key, clock);
            }
            Files.createDirectories(dir);
            KeyPair pair = newKeyPair();
            X500Name name = new X500Name("CN=" + commonName + ",O=KioskOps");
            Instant now = clock.instant();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name, pair.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = sign(builder, pair.getPrivate());
            write(keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write(certFile, pem("CERTIFICATE", cert.getEncoded()));
            return new CertificateAuthority(cert, pair.getPrivate(), clock);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException("cannot load or create the CA in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The CA certificate as PEM, for devices to trust. */
    public String certificatePem() {
        return pem("CERTIFICATE", encoded(certificate));
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Writes a JKS trust store holding only this CA, for a TLS listener that verifies client certificates. */
    public void writeTrustStore(Path file, char[] password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            store.setCertificateEntry("kioskops-ca", certificate);
            storeAtomically(store, file, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write trust store " + file + ": " + e.getMessage(), e);
        }
    }

    private static void storeAtomically(KeyStore store, Path file, char[] password) throws IOException, GeneralSecurityException {
        Path temp = Files.createTempFile(file.getParent(), "keystore", ".tmp");
        restrict(temp);
        try (OutputStream out = Files.newOutputStream(temp)) {
            store.store(out, password);
        }
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Issues a TLS server certificate for these host names and IP addresses, valid for {@code validity}. */
    public Issued issueServer(List<String> hostnames, Duration validity) throws IOException {
        if (hostnames.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one host name or address");
        }
        try {
            KeyPair pair = newKeyPair();
            X509v3CertificateBuilder builder = leaf(new X500Name("CN=" + hostnames.get(0) + ",O=KioskOps"), pair.getPublic(),
                    validity, KeyPurposeId.id_kp_serverAuth);
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(hostnames.stream()
                    .map(CertificateAuthority::generalName).toArray(GeneralName[]::new)));
            return new Issued(pair.getPrivate(), sign(builder, key), certificate);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue a server certificate: " + e.getMessage(), e);
        }
    }

    /** A revoked certificate, for {@link #crlPem}. */
    public record Revoked(BigInteger serial, Instant revokedAt) {
    }

    /**
     * Issues a TLS client certificate for a device: common name = device id, for client authentication only.
     *
     * @param publicKey the device's key: from its certificate signing request, or from a pair made for it
     */
    public X509Certificate issueClient(String deviceId, PublicKey publicKey, Duration validity) throws IOException {
        try {
            return sign(leaf(new X500NameBuilder().addRDN(BCStyle.CN, deviceId).addRDN(BCStyle.O, "KioskOps device").build(),
                    publicKey, validity, KeyPurposeId.id_kp_clientAuth), key);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot issue a client certificate: " + e.getMessage(), e);
        }
    }

    /**
     * A certificate this CA signs for an end entity (not a CA), for one purpose, valid from an hour ago (clocks
     * of boxes drift) for {@code validity}.
     */
    private X509v3CertificateBuilder leaf(X500Name subject, PublicKey publicKey, Duration validity, KeyPurposeId purpose)
            throws GeneralSecurityException {
        Instant now = clock.instant();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, publicKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
            builder.addExtension(Extension.authorityKeyIdentifier, false, utils.createAuthorityKeyIdentifier(certificate));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        } catch (CertIOException e) {
            throw new GeneralSecurityException(e);
        }
        return builder;
    }

    /** A fresh key pair for a device that has not made its own (P-256, like the CA's). */
    public static KeyPair newDeviceKeyPair() {
        try {
            return newKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The public key of a PKCS#10 certificate signing request, once its signature proves that the requester
     * holds the private key.
     *
     * @throws IllegalArgumentException if the text is not a valid, self-signed CSR
     */
    public static PublicKey publicKeyOf(String csrPem) {
        try (PEMParser parser = new PEMParser(new StringReader(csrPem))) {
            if (!(parser.readObject() instanceof PKCS10CertificationRequest csr)) {
                throw new IllegalArgumentException("not a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)");
            }
            JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(csr);
            PublicKey publicKey = request.getPublicKey();
            if (!request.isSignatureValid(new JcaContentVerifierProviderBuilder().build(publicKey))) {
                throw new IllegalArgumentException("the request's signature does not match its key");
            }
            if (!publicKey.getAlgorithm().equals("EC") && !publicKey.getAlgorithm().equals("RSA")) {
                throw new IllegalArgumentException("unsupported key algorithm " + publicKey.getAlgorithm() + "; use EC or RSA");
            }
            return publicKey;
        } catch (IOException | GeneralSecurityException | OperatorCreationException | PKCSException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae) {
                throw iae;
            }
            throw new IllegalArgumentException("unreadable certificate signing request: " + e.getMessage(), e);
        }
    }

    /** A CRL listing {@code revoked}, valid until {@code nextUpdate}, as PEM. */
    public String crlPem(List<Revoked> revoked, Instant nextUpdate) throws IOException {
        try {
            Instant now = clock.instant();
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(certificate.getSubjectX500Principal(), Date.from(now));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (Revoked r : revoked) {
                builder.addCRLEntry(r.serial(), Date.from(r.revokedAt()), CRLReason.superseded);
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.toEpochMilli())));
            X509CRLHolder crl = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key));
            return pem("X509 CRL", crl.getEncoded());
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IOException("cannot sign the CRL: " + e.getMessage(), e);
        }
    }

    private static GeneralName generalName(String host) {
        // an address literal becomes an IP SAN: TLS clients match addresses only against those
        boolean address = host.matches("[0-9.]+") || host.contains(":");
        if (address) {
            try {
                return new GeneralName(GeneralName.iPAddress, InetAddress.getByName(host).getHostAddress());
            } catch (IOException e) {
                throw new IllegalArgumentException("not an IP address: " + host, e);
            }
        }
        return new GeneralName(GeneralName.dNSName, host);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** DER as PEM text of the given type ({@code CERTIFICATE}, {@code PRIVATE KEY}, {@code X509 CRL}). */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** Writes a file readable by its owner only: it may hold a private key. */
    static void write(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        restrict(temp);
        Files.writeString(temp, content, StandardCharsets.US_ASCII);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
    }
}
