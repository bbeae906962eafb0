package org.kioskops.hub.support;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link FastAlertsProfile} with a clock the test moves forward, a real SMTP server, and notification retries
 * a second apart.
 */
public class NotificationsProfile extends FastAlertsProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("kioskops.notifications.retry-first", "1s");
        config.put("kioskops.notifications.retry-max", "2s");
        config.put("kioskops.notifications.max-attempts", "4");
        config.put("kioskops.notifications.timeout", "3s");
        config.put("kioskops.notifications.dashboard-url", "https://ops.kioskops.example/");
        return config;
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ShiftableClock.class);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(MosquittoResource.class), new TestResourceEntry(GreenMailResource.class));
    }
}
