package org.kioskops.hub.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kioskops.hub.device.Registration;
import org.kioskops.hub.owner.Concern;
import org.kioskops.hub.owner.OwnerService;

/**
 * The site rule: a site in service (one of its registered devices has been seen) where nobody owns a concern
 * it has (hardware and community always, lockers when one of its devices has a locker bank) is itself an
 * alert ({@code owner_missing} on component {@code owner:<concern>}), so that no outage there can go to
 * nobody. It counts from the first time one of the site's devices was seen.
 */
@ApplicationScoped
public class SiteConditions {
    @Inject
    EntityManager em;

    @Inject
    OwnerService owners;

    @Inject
    Thresholds thresholds;

    /** Every site condition that holds now; call inside a transaction. */
    List<Condition> current() {
        Map<String, Instant> inService = new HashMap<>();
        for (Object[] row : em.createQuery("select d.siteId, min(s.firstSeenAt) from Device d, DeviceState s where s.deviceId = d.id "
                        + "and d.registration = :registered and d.siteId is not null and s.firstSeenAt is not null group by d.siteId",
                Object[].class).setParameter("registered", Registration.REGISTERED).getResultList()) {
            inService.put((String) row[0], (Instant) row[1]);
        }
        if (inService.isEmpty()) {
            return List.of();
        }
        Set<String> withLockers = new HashSet<>(em.createQuery("select distinct d.siteId from Device d, DeviceComponent c "
                        + "where c.deviceId = d.id and c.kind = 'locker_bank' and d.registration = :registered", String.class)
                .setParameter("registered", Registration.REGISTERED).getResultList());
        Map<String, Map<Concern, OwnerService.Owner>> owned = owners.effective(inService.keySet());
        Thresholds.Snapshot limits = thresholds.snapshot();
        List<Condition> conditions = new ArrayList<>();
        inService.forEach((site, since) -> {
            for (Concern concern : Concern.values()) {
                if (concern == Concern.LOCKERS && !withLockers.contains(site)) {
                    continue;
                }
                if (!owned.get(site).containsKey(concern)) {
                    conditions.add(new Condition(null, site, "owner:" + concern.wire(), Rule.OWNER_MISSING.type(), "major", since,
                            limits.duration(Rule.OWNER_MISSING, null, site),
                            "nobody owns " + concern.wire() + " at site " + site + " or above it"));
                }
            }
        });
        return conditions;
    }
}
