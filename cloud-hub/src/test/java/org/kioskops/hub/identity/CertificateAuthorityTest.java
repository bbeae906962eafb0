package org.kioskops.hub.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kioskops.protocol.ClientIdentity;

class CertificateAuthorityTest {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    @TempDir
    Path dir;

    private CertificateAuthority ca() throws Exception {
        return CertificateAuthority.loadOrCreate(dir, "Test CA", Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void issues_a_client_certificate_for_the_key_in_a_signing_request_named_after_the_device() throws Exception {
        KeyPair box = CertificateAuthority.newDeviceKeyPair();
        String csr = csr("CN=whatever-the-box-asked", box);

        X509Certificate certificate = ca().issueClient("kiosk-7", CertificateAuthority.publicKeyOf(csr), Duration.ofDays(30));

        certificate.verify(ca().certificate().getPublicKey());
        assertThat(certificate.getPublicKey()).isEqualTo(box.getPublic());
        assertThat(ClientIdentity.commonName(certificate.getSubjectX500Principal())).as("the hub names the device, not the box").isEqualTo("kiosk-7");
        assertThat(certificate.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(certificate.getBasicConstraints()).as("not a CA").isEqualTo(-1);
    }

    @Test
    void refuses_text_that_is_not_a_signing_request() {
        assertThatThrownBy(() -> CertificateAuthority.publicKeyOf("hello")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CERTIFICATE REQUEST");
        assertThatThrownBy(() -> CertificateAuthority.publicKeyOf("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refuses_a_signing_request_whose_signature_is_not_made_by_its_key() throws Exception {
        KeyPair claimed = CertificateAuthority.newDeviceKeyPair();
        KeyPair signer = CertificateAuthority.newDeviceKeyPair();
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), claimed.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()));

        assertThatThrownBy(() -> CertificateAuthority.publicKeyOf(pem(request))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void the_crl_lists_the_revoked_serials_signed_by_the_ca_until_its_next_update() throws Exception {
        CertificateAuthority ca = ca();
        String pem = ca.crlPem(List.of(new CertificateAuthority.Revoked(new BigInteger("abc123", 16), NOW.minusSeconds(60))),
                NOW.plus(Duration.ofDays(7)));

        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509")
                .generateCRL(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        crl.verify(ca.certificate().getPublicKey());
        assertThat(pem).startsWith("-----BEGIN X509 CRL-----");
        assertThat(crl.getRevokedCertificate(new BigInteger("abc123", 16))).isNotNull();
        assertThat(crl.getRevokedCertificates()).hasSize(1);
        assertThat(crl.getNextUpdate().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }

    private static String csr(String subject, KeyPair pair) throws Exception {
        return pem(new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
    }

    private static String pem(Object object) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
