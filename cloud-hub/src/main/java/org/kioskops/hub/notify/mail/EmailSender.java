package org.kioskops.hub.notify.mail;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Arrays;
import org.kioskops.hub.notify.Channel;
import org.kioskops.hub.notify.Notice;
import org.kioskops.hub.notify.NotificationConfig;
import org.kioskops.hub.notify.NotificationSender;

/**
 * Email over SMTP through the Quarkus mailer ({@code quarkus.mailer.host}, {@code port}, {@code from},
 * {@code username}, {@code password}, {@code start-tls}). Any SMTP failure is tried again: a server that is
 * down or refuses for now looks the same from here as one that never will.
 */
@ApplicationScoped
public class EmailSender implements NotificationSender {
    private final ReactiveMailer mailer;
    private final Duration timeout;

    @Inject
    public EmailSender(ReactiveMailer mailer, NotificationConfig config) {
        this.mailer = mailer;
        this.timeout = config.timeout();
    }

    @Override
    public boolean handles(Channel channel) {
        return channel == Channel.EMAIL;
    }

    @Override
    public void send(Channel channel, String target, String secret, Notice notice, long deliveryId) throws DeliveryException {
        Mail mail = new Mail().setTo(Arrays.stream(target.split("\\s*,\\s*")).toList()).setSubject(notice.title())
                .setText(notice.text(false)).addHeader("X-KioskOps-Delivery", Long.toString(deliveryId));
        try {
            mailer.send(mail).await().atMost(timeout);
        } catch (RuntimeException e) {
            throw new DeliveryException("SMTP: " + e.getMessage(), Retry.LATER);
        }
    }
}
