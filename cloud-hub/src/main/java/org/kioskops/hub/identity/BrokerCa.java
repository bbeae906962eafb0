package org.kioskops.hub.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.kioskops.hub.config.BrokerConfig;
import org.kioskops.hub.config.MqttConfig;
import org.kioskops.hub.config.WallClock;

/**
 * The CA devices must trust to reach the broker over TLS: the one configured for an external broker
 * ({@code kioskops.mqtt.ca-file}), or the hub's own CA, which signs the embedded broker's certificate.
 */
@ApplicationScoped
public class BrokerCa {
    private final BrokerConfig broker;
    private final MqttConfig mqtt;
    private final Clock clock;
    private CertificateAuthority authority;

    @Inject
    public BrokerCa(BrokerConfig broker, MqttConfig mqtt, @WallClock Clock clock) {
        this.broker = broker;
        this.mqtt = mqtt;
        this.clock = clock;
    }

    /** The hub's own CA, created under {@code <embedded home>/tls} at first use. */
    public synchronized CertificateAuthority authority() throws IOException {
        if (authority == null) {
            authority = CertificateAuthority.loadOrCreate(tlsDirectory(), "KioskOps hub CA", clock);
        }
        return authority;
    }

    /** Where the embedded broker's CA, key store and certificates are kept. */
    public Path tlsDirectory() {
        return Path.of(broker.embedded().home(), "tls");
    }

    /** The CA certificate devices should trust, as PEM; empty when the hub knows of no TLS for the broker. */
    public Optional<String> pem() {
        try {
            if (mqtt.caFile().isPresent()) {
                return Optional.of(Files.readString(Path.of(mqtt.caFile().get())));
            }
            if (mqtt.url().isEmpty() && broker.embedded().tlsPort().isPresent()) {
                return Optional.of(authority().certificatePem());
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker's CA certificate", e);
        }
    }
}
