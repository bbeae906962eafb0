package org.kioskops.hub.alert;

import java.time.Duration;
import java.time.Instant;

/**
 * Something wrong with one component of one device, or with a site ({@code deviceId} null), as a rule sees it
 * now.
 *
 * @param since when it began
 * @param delay how long it must last before its alert opens (the rule's threshold in force for the device)
 */
public record Condition(String deviceId, String siteId, String component, String type, String severity, Instant since,
                        Duration delay, String detail) {

    String key() {
        return Alert.key(deviceId == null ? "site:" + siteId : deviceId, component, type);
    }
}
