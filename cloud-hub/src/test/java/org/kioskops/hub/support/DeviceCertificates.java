package org.kioskops.hub.support;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.kioskops.protocol.BrokerTrust;
import org.kioskops.protocol.ClientIdentity;

/** Client certificates as a box gets them from the hub's REST API, kept in PEM files as an agent reads them. */
public final class DeviceCertificates {
    private DeviceCertificates() {
    }

    /** A certificate and its key on disk, and the serial the hub reported. */
    public record Issued(Path certificate, Path key, String serial) {
        /** A socket factory that trusts {@code caFile} and presents this certificate. */
        public SSLSocketFactory tls(Path caFile) {
            try {
                return BrokerTrust.socketFactory(caFile, ClientIdentity.load(certificate, key));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Requests a certificate for {@code deviceId} as {@code actor}: from a signing request for a key made here,
     * as a box would, or (without one) with a key the hub makes and returns.
     */
    public static Issued issue(String deviceId, boolean withCsr, String actor, Path dir) {
        try {
            Files.createDirectories(dir);
            String keyPem = null;
            Map<String, Object> body = Map.of();
            if (withCsr) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=" + deviceId), pair.getPublic())
                        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
                body = Map.of("csr", pem(csr));
                // PKCS#8, as the agent reads keys
                keyPem = pem(new PemObject("PRIVATE KEY", pair.getPrivate().getEncoded()));
            }
            var response = given().contentType("application/json").header("X-KioskOps-Actor", actor).body(body)
                    .post("/api/devices/" + deviceId + "/credentials/certificate");
            if (response.statusCode() != 201 || !"no-store".equals(response.header("Cache-Control"))) {
                throw new AssertionError("certificate for " + deviceId + ": " + response.statusCode() + " " + response.asString());
            }
            JsonPath issued = response.jsonPath();
            if (keyPem == null) {
                keyPem = issued.getString("privateKey");
            } else if (issued.getString("privateKey") != null) {
                throw new AssertionError("the hub returned a private key although the box sent a CSR");
            }
            Path certificate = dir.resolve(deviceId + ".pem");
            Path key = dir.resolve(deviceId + ".key");
            Files.writeString(certificate, issued.getString("certificate"));
            Files.writeString(key, keyPem);
            return new Issued(certificate, key, issued.getString("serial"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            if (object instanceof PemObject pem) {
                writer.writeObject(pem);
            } else {
                writer.writeObject(object);
            }
        }
        return out.toString();
    }
}
