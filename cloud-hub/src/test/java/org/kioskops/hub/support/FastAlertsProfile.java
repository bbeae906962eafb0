package org.kioskops.hub.support;

import java.util.Map;

/** {@link OwnMosquittoProfile} with alert delays of seconds, so that tests see alerts open and resolve quickly. */
public class FastAlertsProfile extends OwnMosquittoProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "kioskops.alerts.offline-after", "2s",
                "kioskops.alerts.clear-after", "4s",
                "kioskops.alerts.evaluate-every", "1s");
    }
}
