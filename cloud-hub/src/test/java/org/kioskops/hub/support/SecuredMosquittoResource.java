package org.kioskops.hub.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.kioskops.hub.identity.CertificateAuthority;
import org.kioskops.testing.MosquittoBroker;
import org.kioskops.testing.Ports;

/**
 * A Mosquitto of the test's own, set up as docs/security.md tells operators to: no anonymous clients,
 * the hub's password and ACL files, client id = user name, a TLS listener with a certificate from a CA of
 * the test's own, and a second TLS listener that requires client certificates from the hub's CA (with its
 * CRL). The hub writes the files and reloads Mosquitto with SIGHUP, and connects over TLS. Test-only keys:
 * {@code test.broker.plain-url}, {@code test.broker.tls-url}, {@code test.broker.certificate-url}.
 */
public class SecuredMosquittoResource implements QuarkusTestResourceLifecycleManager {
    private MosquittoBroker broker;

    @Override
    public Map<String, String> start() {
        Path dir = Path.of("target", "mosquitto-secured-" + UUID.randomUUID()).toAbsolutePath();
        Path access = dir.resolve("access");
        Path tls = dir.resolve("tls");
        Path hubHome = dir.resolve("hub");
        try {
            Files.createDirectories(access);
            // Mosquitto refuses to start without its files; the hub fills them at its start
            Files.writeString(access.resolve("passwd"), "");
            Files.writeString(access.resolve("acl"), "");
            CertificateAuthority ca = CertificateAuthority.loadOrCreate(tls, "Test broker CA", Clock.systemUTC());
            CertificateAuthority.Issued server = ca.issueServer(List.of("localhost", "127.0.0.1"), Duration.ofDays(30));
            Files.writeString(tls.resolve("server.pem"), server.certificatePem());
            Files.writeString(tls.resolve("server-key.pem"), server.privateKeyPem());
            // the hub's own CA, made before the hub starts so that Mosquitto has a CA and CRL file to start with;
            // the hub loads it from there and rewrites both files
            CertificateAuthority hubCa = CertificateAuthority.loadOrCreate(hubHome.resolve("tls"), "KioskOps hub CA", Clock.systemUTC());
            Files.writeString(access.resolve("device-ca.pem"), hubCa.certificatePem());
            Files.writeString(access.resolve("crl.pem"), hubCa.crlPem(List.of(), Instant.now().plus(Duration.ofDays(1))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int tlsPort = Ports.free();
        int certificatePort = Ports.free();
        broker = MosquittoBroker.start(dir.resolve("broker"), false, List.of(
                "password_file " + access.resolve("passwd"),
                "acl_file " + access.resolve("acl"),
                "use_username_as_clientid true",
                "listener " + tlsPort + " 127.0.0.1",
                "use_username_as_clientid true",
                "cafile " + tls.resolve("ca.pem"),
                "certfile " + tls.resolve("server.pem"),
                "keyfile " + tls.resolve("server-key.pem"),
                "listener " + certificatePort + " 127.0.0.1",
                "use_username_as_clientid true",
                "certfile " + tls.resolve("server.pem"),
                "keyfile " + tls.resolve("server-key.pem"),
                "cafile " + access.resolve("device-ca.pem"),
                "crlfile " + access.resolve("crl.pem"),
                "require_certificate true",
                "use_identity_as_username true"));
        String tlsUrl = "ssl://127.0.0.1:" + tlsPort;
        Map<String, String> config = new HashMap<>();
        config.put("kioskops.mqtt.url", tlsUrl);
        config.put("kioskops.mqtt.ca-file", tls.resolve("ca.pem").toString());
        config.put("kioskops.mqtt.password", UUID.randomUUID().toString());
        config.put("kioskops.broker.access.dir", access.toString());
        config.put("kioskops.broker.access.reload-command", "kill -HUP " + broker.pid());
        config.put("kioskops.broker.access.certificate-listener-url", "ssl://localhost:" + certificatePort);
        config.put("test.broker.plain-url", broker.url());
        config.put("kioskops.broker.embedded.home", hubHome.toString());
        config.put("test.broker.tls-url", tlsUrl);
        config.put("test.broker.certificate-url", "ssl://127.0.0.1:" + certificatePort);
        return config;
    }

    @Override
    public void stop() {
        if (broker != null) {
            broker.close();
        }
    }
}
