package org.kioskops.hub.notify;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends queued notifications. Each round claims the due ones (a claim keeps another hub instance from sending
 * the same one), sends them four at a time, and records the outcome: sent; or another attempt after a
 * backoff that doubles from {@code retry-first} up to {@code retry-max}; or failed, when the receiver refused
 * it for good or the attempts ran out. Nothing is dropped without a row that says so.
 */
@ApplicationScoped
public class NotificationDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    private static final int PARALLEL = 4;

    private final NotificationConfig settings;
    private final Clock clock;
    private final EntityManager em;
    private final List<NotificationSender> senders;
    private final NotificationService notifications;
    private final MeterRegistry registry;
    private final ExecutorService pool = Executors.newFixedThreadPool(PARALLEL, r -> {
        Thread t = new Thread(r, "kioskops-notify");
        t.setDaemon(true);
        return t;
    });
    private volatile Instant nextRound = Instant.EPOCH;

    @Inject
    public NotificationDispatcher(NotificationConfig config, Clock clock, EntityManager em, @Any Instance<NotificationSender> senders,
                                  NotificationService notifications, MeterRegistry registry) {
        this.settings = config;
        this.clock = clock;
        this.em = em;
        this.senders = senders.stream().toList();
        this.notifications = notifications;
        this.registry = registry;
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    @Scheduled(every = "1s", delayed = "3s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        Instant now = clock.instant();
        if (now.isBefore(nextRound)) {
            return;
        }
        nextRound = now.plus(settings.dispatchEvery());
        try {
            // a full round means more are waiting (an outage storm): carry on instead of waiting for the next tick
            for (int rounds = 0; rounds < 20 && dispatch() >= settings.batch(); rounds++) {
                LOG.debug("A full round of {} notifications sent; sending the next", settings.batch());
            }
        } catch (RuntimeException e) {
            LOG.warn("Sending notifications failed ({}); trying again in {}", e.toString(), settings.dispatchEvery());
        }
    }

    private record Claimed(long id, Channel channel, String target, String secret, Notice notice) {
    }

    private record Outcome(Claimed claimed, NotificationSender.DeliveryException error) {
    }

    /** One round: claim what is due, send it, record how it went; returns how many were attempted. */
    public int dispatch() {
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(this::claimDue);
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Future<Outcome>> sending = new ArrayList<>();
        for (Claimed c : claimed) {
            sending.add(pool.submit(() -> send(c)));
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : sending) {
            try {
                outcomes.add(f.get(settings.timeout().toMillis() * 3 + 5_000, TimeUnit.MILLISECONDS));
            } catch (Exception e) {
                // a send that hangs beyond its timeouts keeps its claim, which expires; the row is tried again then
                f.cancel(true);
                LOG.warn("A notification send did not finish in time ({})", e.toString());
            }
        }
        QuarkusTransaction.requiringNew().run(() -> outcomes.forEach(this::record));
        return claimed.size();
    }

    private List<Claimed> claimDue() {
        Instant now = clock.instant();
        Instant until = now.plus(settings.timeout().multipliedBy(3)).plusSeconds(10);
        List<Long> due = em.createQuery("select n.id from Notification n where n.status = :pending and n.nextAttemptAt <= :now "
                        + "and (n.claimedUntil is null or n.claimedUntil < :now) order by n.nextAttemptAt, n.id", Long.class)
                .setParameter("pending", DeliveryStatus.PENDING).setParameter("now", now).setMaxResults(settings.batch()).getResultList();
        List<Claimed> claimed = new ArrayList<>();
        for (Long id : due) {
            int won = em.createQuery("update Notification n set n.claimedUntil = :until where n.id = :id "
                            + "and (n.claimedUntil is null or n.claimedUntil < :now)")
                    .setParameter("until", until).setParameter("id", id).setParameter("now", now).executeUpdate();
            if (won == 1) {
                Notification n = em.find(Notification.class, id);
                NotificationRoute route = n.routeId == null ? null : em.find(NotificationRoute.class, n.routeId);
                claimed.add(new Claimed(id, n.channel, n.target, route == null ? null : route.secret, notifications.read(n.notice)));
            }
        }
        return claimed;
    }

    private Outcome send(Claimed c) {
        NotificationSender sender = senders.stream().filter(s -> s.handles(c.channel())).findFirst().orElse(null);
        if (sender == null) {
            return new Outcome(c, new NotificationSender.DeliveryException("no sender for channel " + c.channel().wire(),
                    NotificationSender.Retry.NEVER));
        }
        try {
            sender.send(c.channel(), c.target(), c.secret(), c.notice(), c.id());
            return new Outcome(c, null);
        } catch (NotificationSender.DeliveryException e) {
            return new Outcome(c, e);
        } catch (RuntimeException e) {
            return new Outcome(c, new NotificationSender.DeliveryException(e.toString(), NotificationSender.Retry.LATER));
        }
    }

    private void record(Outcome o) {
        Notification n = em.find(Notification.class, o.claimed().id());
        if (n == null) {
            return;
        }
        Instant now = clock.instant();
        n.attempts++;
        n.claimedUntil = null;
        String channel = n.channel.wire();
        if (o.error() == null) {
            n.status = DeliveryStatus.SENT;
            n.sentAt = now;
            n.lastError = null;
            count(channel, "sent");
            LOG.debug("Notification {} ({} of alert {}) sent to {}", n.id, n.event, n.alertId, n.target);
            return;
        }
        String error = o.error().getMessage();
        n.lastError = error == null ? "unknown error" : error.substring(0, Math.min(error.length(), 1000));
        if (o.error().retry() == NotificationSender.Retry.NEVER || n.attempts >= settings.maxAttempts()) {
            n.status = DeliveryStatus.FAILED;
            count(channel, "failed");
            LOG.warn("Notification {} ({} of alert {}) to {} failed after {} attempt(s): {}", n.id, n.event, n.alertId, n.target,
                    n.attempts, n.lastError);
        } else {
            n.nextAttemptAt = now.plus(backoff(n.attempts));
            count(channel, "retry");
            LOG.debug("Notification {} to {} failed ({}), attempt {} at {}", n.id, n.target, n.lastError, n.attempts + 1, n.nextAttemptAt);
        }
    }

    /** Wait after the {@code attempts}-th failed attempt. */
    Duration backoff(int attempts) {
        Duration wait = settings.retryFirst();
        for (int i = 1; i < attempts && wait.compareTo(settings.retryMax()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.retryMax()) > 0 ? settings.retryMax() : wait;
    }

    private void count(String channel, String outcome) {
        Counter.builder("kioskops.notifications").description("Notification attempts by channel and outcome (sent, retry, failed)")
                .tag("channel", channel).tag("outcome", outcome).register(registry).increment();
    }
}
