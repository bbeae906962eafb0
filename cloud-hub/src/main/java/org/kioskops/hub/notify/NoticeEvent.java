package org.kioskops.hub.notify;

import java.util.Locale;

/** What happened to an alert that a notice tells about. */
public enum NoticeEvent {
    OPENED,
    ACKNOWLEDGED,
    /** Not acknowledged in time: sent to the escalation routes whose turn came. */
    ESCALATED,
    RESOLVED,
    /** Sent by hand to check a route. */
    TEST;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
