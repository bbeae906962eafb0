package org.kioskops.hub.identity;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import io.quarkus.scheduler.Scheduled;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.kioskops.hub.broker.EmbeddedBrokerProcess;
import org.kioskops.hub.broker.MosquittoAccessFiles;
import org.kioskops.hub.config.HubConfig;
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
    private final HubCredentials hub;
    private final Path dir;
    private volatile boolean stale;

    @Inject
    public BrokerAccessSync(HubConfig config, HubCredentials hub, EmbeddedBrokerProcess embedded) {
        this.hub = hub;
        Optional<String> configured = config.broker().access().dir();
        if (configured.isPresent()) {
            dir = Path.of(configured.get());
        } else if (config.mqtt().url().isEmpty()) {
            dir = Path.of(config.broker().embedded().home(), "access");
        } else {
            dir = null;
        }
        if (dir == null) {
            this.broker = Optional.empty();
        } else if (config.mqtt().url().isEmpty()) {
            this.broker = Optional.of(new MosquittoAccessFiles(dir, embedded::reloadAccess));
        } else {
            this.broker = Optional.of(MosquittoAccessFiles.forMosquitto(dir, config.broker().access().reloadCommand()));
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
        if (hub.passwordHash().isEmpty()) {
            throw new IllegalStateException("kioskops.broker.access.dir is set but kioskops.mqtt.password is not: the hub "
                    + "would write the broker's accounts without one for itself. Set kioskops.mqtt.password.");
        }
        List<BrokerAccount> accounts = new ArrayList<>();
        accounts.add(new BrokerAccount(hub.username(), hub.passwordHash().orElseThrow(), BrokerAccount.Role.HUB));
        QuarkusTransaction.requiringNew().run(() -> DeviceCredential.allActive().forEach(c ->
                accounts.add(new BrokerAccount(c.deviceId, c.secretHash, BrokerAccount.Role.DEVICE))));
        broker.get().apply(accounts);
    }

    /** Whether the broker's accounts may lag the registry because the last rewrite failed. */
    public boolean isStale() {
        return stale;
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) AccessChanged event) {
        syncOrMarkStale(event.reason());
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
