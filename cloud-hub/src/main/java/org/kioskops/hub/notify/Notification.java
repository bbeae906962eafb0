package org.kioskops.hub.notify;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One notice to one route: queued with the alert change that caused it, then sent with retries. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Null for a test notice. */
    @Column(name = "alert_id")
    public Long alertId;

    /** Null once the route was deleted; the row stays as the record of what was sent. */
    @Column(name = "route_id")
    public Long routeId;

    @Enumerated(EnumType.STRING)
    public NoticeEvent event;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String target;

    /** The notice as JSON, as it was when queued. */
    public String notice;

    @Enumerated(EnumType.STRING)
    public DeliveryStatus status;

    public int attempts;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    /** A dispatcher is sending it until then; another one leaves it alone. */
    @Column(name = "claimed_until")
    public Instant claimedUntil;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "last_error")
    public String lastError;
}
