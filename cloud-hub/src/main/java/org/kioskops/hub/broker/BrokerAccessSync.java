package org.kioskops.hub.broker;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.kioskops.hub.config.BrokerConfig;
import org.kioskops.hub.config.MqttConfig;
import org.kioskops.hub.config.WallClock;
import org.kioskops.hub.identity.AccessChanged;
import org.kioskops.hub.identity.BrokerAccessSource;
import org.kioskops.hub.identity.BrokerAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the broker's accounts equal to the registry's active credentials plus the hub's own account:
 * at start, before the embedded broker starts, and after every committed change of credentials.
 */
@ApplicationScoped
public class BrokerAccessSync {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerAccessSync.class);

    private final Optional<BrokerAccounts> broker;
    private final BrokerAccessSource source;
    private final Path dir;
    private final Clock clock;
    private final Duration crlValidity;
    private volatile boolean stale;
    private volatile Instant lastWritten = Instant.EPOCH;

    @Inject
    public BrokerAccessSync(BrokerConfig config, MqttConfig mqtt, BrokerAccessSource source, EmbeddedBrokerProcess embedded,
                            RevokedSessions revokedSessions, @WallClock Clock clock) {
        this.source = source;
        this.clock = clock;
        this.crlValidity = config.access().crlValidity();
        if (crlValidity.compareTo(Duration.ofHours(4)) < 0) {
            throw new IllegalArgumentException("kioskops.broker.access.crl-validity must be at least 4 hours, was " + crlValidity);
        }
        Optional<String> configured = config.access().dir();
        if (configured.isPresent()) {
            dir = Path.of(configured.get());
        } else if (mqtt.url().isEmpty()) {
            dir = Path.of(config.embedded().home(), "access");
        } else {
            dir = null;
        }
        if (dir == null) {
            this.broker = Optional.empty();
        } else if (mqtt.url().isEmpty()) {
            // the embedded broker disconnects revoked certificates by itself
            this.broker = Optional.of(new MosquittoAccessFiles(dir, embedded::reloadAccess, devices -> { }));
        } else {
            this.broker = Optional.of(MosquittoAccessFiles.forMosquitto(dir, config.access().reloadCommand(),
                    revokedSessions::cutOff));
        }
    }

    /** The directory the broker reads its accounts from, when the hub manages them. */
    public Optional<Path> directory() {
        return Optional.ofNullable(dir);
    }

    /**
     * Rewrites the broker's accounts from the registry.
     *
     * @throws IllegalStateException if the hub manages the broker's accounts but has no password of its own,
     *                               so that it could not connect
     */
    public synchronized void sync() {
        if (broker.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        try {
            broker.get().apply(source.current(now, crlValidity));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the CRL", e);
        }
        lastWritten = now;
    }

    /** Whether the broker's accounts may lag the registry because the last rewrite failed. */
    public boolean isStale() {
        return stale;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessChanged event) {
        syncOrMarkStale(event.reason());
    }

    /** Re-signs the CRL well before it expires: Mosquitto refuses every certificate once it has. */
    @Scheduled(every = "15m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshCrl() {
        if (!stale && Duration.between(lastWritten, clock.instant()).compareTo(crlValidity.dividedBy(4)) > 0) {
            syncOrMarkStale("CRL refresh");
        }
    }

    /** A failed rewrite is retried until it succeeds: a revocation must not stay unapplied. */
    @Scheduled(every = "10s", delayed = "10s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryIfStale() {
        if (stale) {
            syncOrMarkStale("retry");
        }
    }

    private void syncOrMarkStale(String what) {
        try {
            sync();
            if (stale) {
                LOG.info("Broker accounts written again after an earlier failure");
            }
            stale = false;
        } catch (RuntimeException e) {
            stale = true;
            LOG.error("Cannot update the broker's accounts after {}: {}; retrying every 10 s, and the hub reports not ready "
                    + "until it succeeds", what, e.toString());
        }
    }
}
