package org.kioskops.hub.identity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the broker must know of the registry, read in one transaction: the hub's own account, every active device
 * secret and certificate, and a CRL signed now of the certificates revoked and not yet expired.
 */
@ApplicationScoped
public class BrokerAccessSource {
    private final HubCredentials hub;
    private final BrokerCa ca;

    @Inject
    public BrokerAccessSource(HubCredentials hub, BrokerCa ca) {
        this.hub = hub;
        this.ca = ca;
    }

    /**
     * @param crlValidity how long the CRL signed now stays valid
     * @throws IllegalStateException if the hub has no password of its own, so that it could not connect
     */
    public BrokerAccess current(Instant now, Duration crlValidity) throws IOException {
        if (hub.passwordHash().isEmpty()) {
            throw new IllegalStateException("kioskops.broker.access.dir is set but kioskops.mqtt.password is not: the hub "
                    + "would write the broker's accounts without one for itself. Set kioskops.mqtt.password.");
        }
        List<BrokerAccount> accounts = new ArrayList<>();
        Map<String, String> certificates = new TreeMap<>();
        List<CertificateAuthority.Revoked> revoked = new ArrayList<>();
        accounts.add(new BrokerAccount(hub.username(), hub.passwordHash().orElseThrow(), BrokerAccount.Role.HUB));
        QuarkusTransaction.requiringNew().run(() -> {
            for (DeviceCredential c : DeviceCredential.allActive()) {
                if (c.kind == DeviceCredential.Kind.CERTIFICATE) {
                    certificates.put(c.deviceId, c.certificateSerial);
                } else if (c.kind == DeviceCredential.Kind.SECRET) {
                    accounts.add(new BrokerAccount(c.deviceId, c.secretHash, BrokerAccount.Role.DEVICE));
                }
            }
            RevokedCertificate.unexpired(now).forEach(r ->
                    revoked.add(new CertificateAuthority.Revoked(new BigInteger(r.serial, 16), r.revokedAt)));
        });
        CertificateAuthority authority = ca.authority();
        return new BrokerAccess(accounts, certificates, authority.certificatePem(), authority.crlPem(revoked, now.plus(crlValidity)));
    }
}
