package org.kioskops.hub.support;

import java.util.HashMap;
import java.util.Map;

/** {@link FastAlertsProfile} on a database of its own: the 5,000 kiosks it registers stay out of other tests' counts. */
public class DashboardScaleProfile extends FastAlertsProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("quarkus.datasource.jdbc.url", "jdbc:h2:mem:kioskops-dashboard-scale;DB_CLOSE_DELAY=-1");
        return overrides;
    }
}
