package org.kioskops.hub.alert;

import java.time.Instant;

/**
 * Something wrong with one component of one device, as a rule sees it now.
 *
 * @param since when it began; the alert opens once it has lasted the rule's delay
 */
public record Condition(String deviceId, String siteId, String component, String type, String severity, Instant since,
                        String detail) {

    String key() {
        return Alert.key(deviceId, component, type);
    }
}
