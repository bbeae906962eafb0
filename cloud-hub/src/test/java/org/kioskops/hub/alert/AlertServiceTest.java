package org.kioskops.hub.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.audit.MemoryAuditLog;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.notify.NoticeEvent;
import org.kioskops.hub.support.MovableClock;

/** A contractor's day with alerts, on the service alone: its store, audit log and notices are in memory. */
class AlertServiceTest {
    private static final Instant T0 = Instant.parse("2026-12-03T08:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final MemoryAlertStore store = new MemoryAlertStore()
            .site("district-a", "/city/district-a/").site("site-1", "/city/district-a/site-1/")
            .site("site-2", "/city/district-b/site-2/");
    private final MemoryAuditLog audit = new MemoryAuditLog(clock);
    private final RecordedNotices notices = new RecordedNotices();
    private final AlertService alerts = new AlertService(store, audit, notices, clock);

    /** An alert opened now the way the rounds open one, owned by {@code owner} with a response target. */
    private long opened(String deviceId, String siteId, String type, String owner, Duration respondWithin) {
        Condition condition = new Condition(deviceId, siteId, "device", type, "critical", clock.instant(), Duration.ZERO, "test");
        Alert alert = new AlertEvaluator(Duration.ofMinutes(1)).evaluate(clock.instant(), List.of(condition), List.of()).opened().get(0);
        alert.owner = owner;
        alert.respondBy = respondWithin == null ? null : alert.openedAt.plus(respondWithin);
        store.addAll(List.of(alert));
        return alert.id;
    }

    private static AlertService.Filter all() {
        return new AlertService.Filter(null, null, null, null, null, false, null, null, 100);
    }

    private static HubException refusal(Runnable action) {
        try {
            action.run();
        } catch (HubException e) {
            return e;
        }
        throw new AssertionError("the service did not refuse");
    }

    @Test
    void acknowledging_an_open_alert_stops_its_response_clock_and_is_audited_and_told_to_the_owner() {
        long id = opened("kiosk-7", "site-1", "device_offline", "acme-repair", Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(10));

        AlertService.View view = alerts.acknowledge(id, "li.wei");

        assertThat(view.status()).isEqualTo(AlertStatus.ACKNOWLEDGED);
        assertThat(view.acknowledgedBy()).isEqualTo("li.wei");
        assertThat(view.acknowledgedAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
        assertThat(audit.entries()).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("alert.acknowledged");
            assertThat(e.target()).isEqualTo("alert:" + id);
            assertThat(e.actor()).isEqualTo("li.wei");
        });
        assertThat(notices.told()).singleElement().satisfies(t -> {
            assertThat(t.event()).isEqualTo(NoticeEvent.ACKNOWLEDGED);
            assertThat(t.owner()).isEqualTo("acme-repair");
            assertThat(t.actor()).isEqualTo("li.wei");
        });

        clock.advance(Duration.ofHours(1));
        assertThat(alerts.get(id).responseOverdue()).as("acknowledged in time, whatever happens after").isFalse();
    }

    @Test
    void acknowledging_an_acknowledged_alert_again_changes_nothing_and_tells_nobody_twice() {
        long id = opened("kiosk-7", "site-1", "device_offline", "acme-repair", null);
        alerts.acknowledge(id, "li.wei");
        clock.advance(Duration.ofMinutes(5));

        AlertService.View again = alerts.acknowledge(id, "wang.fang");

        assertThat(again.acknowledgedBy()).isEqualTo("li.wei");
        assertThat(again.acknowledgedAt()).isEqualTo(T0);
        assertThat(audit.entries()).hasSize(1);
        assertThat(notices.told()).hasSize(1);
    }

    @Test
    void an_unacknowledged_alert_past_its_response_target_is_overdue_and_listed_as_such() {
        long late = opened("kiosk-7", "site-1", "device_offline", "acme-repair", Duration.ofMinutes(30));
        long answered = opened("kiosk-8", "site-1", "device_offline", "acme-repair", Duration.ofMinutes(30));
        opened("kiosk-9", "site-1", "device_offline", null, null);
        alerts.acknowledge(answered, "li.wei");
        clock.advance(Duration.ofMinutes(31));

        List<AlertService.View> overdue = alerts.list(new AlertService.Filter(null, null, null, null, null, true, null, null, 100));

        assertThat(overdue).extracting(AlertService.View::id).containsExactly(late);
        assertThat(overdue.get(0).responseOverdue()).isTrue();
    }

    @Test
    void resolving_by_hand_needs_a_note_saying_what_was_done_and_frees_the_condition_for_a_new_alert() {
        long id = opened("kiosk-7", "site-1", "locker_jammed", "acme-repair", null);

        assertThat(refusal(() -> alerts.resolve(id, "li.wei", " ")).error()).isEqualTo(AlertError.INVALID_ALERT_REQUEST);
        assertThat(refusal(() -> alerts.resolve(id, "li.wei", "x".repeat(2001))).error()).isEqualTo(AlertError.INVALID_ALERT_REQUEST);
        assertThat(store.unresolved()).as("a refused resolution changes nothing").hasSize(1);

        AlertService.View view = alerts.resolve(id, "li.wei", "freed the jammed door of compartment 12");

        assertThat(view.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(view.resolvedBy()).isEqualTo("li.wei");
        assertThat(view.resolutionNote()).isEqualTo("freed the jammed door of compartment 12");
        assertThat(store.unresolved()).isEmpty();
        assertThat(store.find(id)).get().satisfies(a -> assertThat(a.openKey).as("the next round may open a new one").isNull());
        assertThat(audit.entries()).extracting(AuditLog.Entry::action).containsExactly("alert.resolved");
        assertThat(notices.told()).extracting(RecordedNotices.Told::event).containsExactly(NoticeEvent.RESOLVED);
    }

    @Test
    void a_resolved_alert_takes_no_acknowledgement_assignment_or_second_resolution_but_still_takes_comments() {
        long id = opened("kiosk-7", "site-1", "locker_jammed", "acme-repair", null);
        alerts.resolve(id, "li.wei", "fixed");

        assertThat(refusal(() -> alerts.acknowledge(id, "wang.fang")).error()).isEqualTo(AlertError.ALERT_RESOLVED);
        assertThat(refusal(() -> alerts.resolve(id, "wang.fang", "again")).error()).isEqualTo(AlertError.ALERT_RESOLVED);
        assertThat(refusal(() -> alerts.assign(id, "zhang.san", null, "wang.fang")).error()).isEqualTo(AlertError.ALERT_RESOLVED);

        assertThat(alerts.comment(id, "wang.fang", "checked again in the evening: works").comments()).hasSize(1);
        assertThat(alerts.get(id).resolvedBy()).isEqualTo("li.wei");
    }

    @Test
    void handing_an_alert_to_another_organisation_restarts_its_escalation_and_tells_the_new_owner() {
        long id = opened("kiosk-7", "site-1", "device_offline", "acme-repair", Duration.ofMinutes(30));
        Alert alert = store.find(id).orElseThrow();
        alert.escalationLevel = 2;
        alert.escalatedThrough = T0.plus(Duration.ofMinutes(20));

        AlertService.View view = alerts.assign(id, "zhang.san", "city-power", "dispatcher");

        assertThat(view.owner()).isEqualTo("city-power");
        assertThat(view.assignee()).isEqualTo("zhang.san");
        assertThat(view.escalationLevel()).isZero();
        assertThat(alert.escalatedThrough).isNull();
        assertThat(notices.told()).singleElement().satisfies(t -> {
            assertThat(t.event()).isEqualTo(NoticeEvent.OPENED);
            assertThat(t.owner()).isEqualTo("city-power");
            assertThat(t.note()).isEqualTo("assigned to city-power");
        });
        assertThat(audit.entries()).singleElement().satisfies(e -> assertThat(e.detail()).isEqualTo("city-power: zhang.san"));
    }

    @Test
    void giving_an_alert_to_a_person_of_its_owner_tells_no_route_but_is_audited() {
        long id = opened("kiosk-7", "site-1", "device_offline", "acme-repair", null);

        AlertService.View view = alerts.assign(id, "  zhang.san ", "acme-repair", "dispatcher");

        assertThat(view.assignee()).isEqualTo("zhang.san");
        assertThat(view.owner()).isEqualTo("acme-repair");
        assertThat(notices.told()).isEmpty();
        assertThat(audit.entries()).extracting(AuditLog.Entry::action).containsExactly("alert.assigned");
        assertThat(refusal(() -> alerts.assign(id, " ", null, "dispatcher")).error()).isEqualTo(AlertError.INVALID_ALERT_REQUEST);
    }

    @Test
    void comments_come_back_oldest_first_with_the_alert_and_each_is_audited() {
        long id = opened("kiosk-7", "site-1", "screen_dark", "acme-repair", null);
        alerts.comment(id, "li.wei", "on my way");
        clock.advance(Duration.ofMinutes(40));
        alerts.comment(id, "li.wei", "backlight replaced");

        assertThat(alerts.get(id).comments()).extracting(AlertService.Comment::body).containsExactly("on my way", "backlight replaced");
        assertThat(audit.entries()).extracting(AuditLog.Entry::action).containsExactly("alert.commented", "alert.commented");
        assertThat(refusal(() -> alerts.comment(id, "li.wei", "")).error()).isEqualTo(AlertError.INVALID_ALERT_REQUEST);
    }

    @Test
    void the_list_narrows_to_a_part_of_the_site_tree_and_to_active_alerts_newest_first() {
        long first = opened("kiosk-1", "site-1", "device_offline", "acme-repair", null);
        clock.advance(Duration.ofMinutes(1));
        long elsewhere = opened("kiosk-2", "site-2", "device_offline", "acme-repair", null);
        clock.advance(Duration.ofMinutes(1));
        long second = opened("kiosk-3", "site-1", "screen_dark", "acme-repair", null);
        clock.advance(Duration.ofMinutes(1));
        long resolved = opened("kiosk-4", "site-1", "screen_dark", "acme-repair", null);
        alerts.resolve(resolved, "li.wei", "rebooted");

        List<AlertService.View> districtA = alerts.list(new AlertService.Filter("active", "district-a", null, null, null, false, null, null, 100));

        assertThat(districtA).extracting(AlertService.View::id).containsExactly(second, first);
        assertThat(alerts.list(all())).extracting(AlertService.View::id).containsExactly(resolved, second, elsewhere, first);
        assertThat(alerts.list(new AlertService.Filter("RESOLVED", null, null, null, null, false, null, null, 100)))
                .extracting(AlertService.View::id).containsExactly(resolved);
    }

    @Test
    void a_question_the_service_cannot_answer_is_refused_with_the_reason() {
        assertThat(refusal(() -> alerts.get(404)).error()).isEqualTo(AlertError.ALERT_NOT_FOUND);
        assertThat(refusal(() -> alerts.list(new AlertService.Filter(null, "atlantis", null, null, null, false, null, null, 100))))
                .hasMessageContaining("no site 'atlantis'");
        assertThat(refusal(() -> alerts.list(new AlertService.Filter("burning", null, null, null, null, false, null, null, 100))))
                .hasMessageContaining("status must be");
        assertThat(refusal(() -> alerts.list(new AlertService.Filter(null, null, null, null, null, false, null, null, 1001))))
                .hasMessageContaining("limit must be 1 to 1000");
    }
}
