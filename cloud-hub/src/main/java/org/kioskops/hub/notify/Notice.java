package org.kioskops.hub.notify;

import java.time.Instant;
import java.util.Locale;

/**
 * What a notification says, frozen when it is queued so that the delivery log shows what was sent. Also the
 * body of a generic webhook (documented in docs/operations.md, section Alerts).
 *
 * @param event           opened, acknowledged, escalated, resolved or test
 * @param deviceId        null for an alert about a site (an owner missing)
 * @param escalationLevel how many escalation steps the alert has gone through
 * @param actor           who acknowledged or resolved it ({@code kioskops} when the condition cleared)
 * @param note            the resolution note
 * @param link            the alert in the dashboard, when {@code kioskops.notify.dashboard-url} is set
 */
public record Notice(String version, String event, long alertId, String deviceId, String siteId, String component, String type,
                     String severity, String status, String concern, String owner, String assignee, String detail,
                     Instant conditionSince, Instant openedAt, Instant respondBy, Instant repairBy, int escalationLevel,
                     String actor, String note, Instant at, String link) {
    public static final String VERSION = "1";

    /** One line a person reads first: what, where, which state. */
    public String title() {
        String where = deviceId != null ? deviceId : "site " + siteId;
        return "[KioskOps] " + event.toUpperCase(Locale.ROOT) + " " + type + " on " + where
                + (component == null || "device".equals(component) ? "" : " (" + component + ")");
    }

    /** The notice as lines of text for chat robots and email. */
    public String text(boolean markdown) {
        StringBuilder b = new StringBuilder();
        String bold = markdown ? "**" : "";
        b.append(bold).append(title()).append(bold).append("\n\n");
        line(b, markdown, "Alert", "#" + alertId + " (" + severity + ", " + status + ")");
        line(b, markdown, "Site", siteId);
        line(b, markdown, "Device", deviceId);
        line(b, markdown, "Detail", detail);
        line(b, markdown, "Owner", owner == null ? "none set for " + concern : owner + " (" + concern + ")");
        line(b, markdown, "Assignee", assignee);
        line(b, markdown, "Since", conditionSince == null ? null : conditionSince.toString());
        line(b, markdown, "Acknowledge by", respondBy == null ? null : respondBy.toString());
        line(b, markdown, "Repair by", repairBy == null ? null : repairBy.toString());
        line(b, markdown, "Escalation level", escalationLevel == 0 ? null : Integer.toString(escalationLevel));
        line(b, markdown, "By", actor);
        line(b, markdown, "Note", note);
        line(b, markdown, "Open", link);
        return b.toString();
    }

    private static void line(StringBuilder b, boolean markdown, String label, String value) {
        if (value != null && !value.isBlank()) {
            b.append(markdown ? "> " : "").append(label).append(": ").append(value).append('\n');
        }
    }
}
