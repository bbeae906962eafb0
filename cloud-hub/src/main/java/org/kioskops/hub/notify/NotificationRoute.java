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

/**
 * Where an organisation's alerts go. Without an escalation setting the route hears of every alert of the
 * organisation as it opens, is acknowledged and resolves; with one, it is a step of the escalation policy and
 * hears only of alerts still unacknowledged when its turn comes, and of their resolution.
 */
@Entity
@Table(name = "notification_route")
public class NotificationRoute extends PanacheEntityBase {
    /** The organisation of alerts that have no owner. */
    public static final String UNOWNED = "*";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String organisation;

    @Enumerated(EnumType.STRING)
    public Channel channel;

    public String target;

    public String secret;

    /** Escalate to this route when an alert is still open (not acknowledged) this long after opening. */
    @Column(name = "escalate_after_minutes")
    public Integer escalateAfterMinutes;

    /** Escalate to this route when an alert passes its owner's response target unacknowledged. */
    @Column(name = "escalate_when_overdue")
    public boolean escalateWhenOverdue;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    public boolean escalates() {
        return escalateAfterMinutes != null || escalateWhenOverdue;
    }
}
