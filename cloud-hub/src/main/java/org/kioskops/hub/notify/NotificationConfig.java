package org.kioskops.hub.notify;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Notifications of alerts over webhooks and email (SMTP server: {@code quarkus.mailer.*}). A notification is
 * queued with the alert change that causes it and sent by a dispatcher that retries with exponential backoff:
 * {@link #retryFirst()}, doubling up to {@link #retryMax()}, at most {@link #maxAttempts()} attempts.
 */
@ConfigMapping(prefix = "kioskops.notifications")
public interface NotificationConfig {
    /** Attempts before a notification is given up and marked failed. */
    @WithDefault("8")
    int maxAttempts();

    /** Wait before the second attempt. */
    @WithDefault("30s")
    Duration retryFirst();

    /** Longest wait between attempts. */
    @WithDefault("30m")
    Duration retryMax();

    /** Connect and response timeout of one webhook call or SMTP send. */
    @WithDefault("10s")
    Duration timeout();

    /** How often the dispatcher looks for notifications to send. */
    @WithDefault("1s")
    Duration dispatchEvery();

    /** Notifications sent per dispatch round, at most (in parallel, four at a time). */
    @WithDefault("50")
    int batch();

    /** Base URL of the dashboard; notices link to {@code <url>/alerts/<id>} when set. */
    Optional<String> dashboardUrl();
}
