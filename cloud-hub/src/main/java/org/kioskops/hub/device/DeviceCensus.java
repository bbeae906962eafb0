package org.kioskops.hub.device;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.kioskops.hub.site.DeviceCounts;
import org.kioskops.hub.site.SiteOccupancy;

/** Device counts per site, from two aggregate queries, for rolling up the site tree. */
@ApplicationScoped
public class DeviceCensus implements SiteOccupancy {
    @Inject
    EntityManager em;

    @Override
    public boolean anyAt(String siteId) {
        return Device.count("siteId", siteId) > 0;
    }

    @Override
    public Map<String, DeviceCounts> bySite() {
        Map<String, DeviceCounts> counts = new HashMap<>();
        List<Object[]> rows = em.createQuery("select d.siteId, d.registration, s.connection, count(d) from Device d "
                + "left join DeviceState s on s.deviceId = d.id "
                + "where d.registration <> :rejected group by d.siteId, d.registration, s.connection", Object[].class)
                .setParameter("rejected", Registration.REJECTED)
                .getResultList();
        for (Object[] row : rows) {
            String site = row[0] == null ? NO_SITE : (String) row[0];
            Registration registration = (Registration) row[1];
            Connection connection = row[2] == null ? Connection.NEVER_SEEN : (Connection) row[2];
            long n = (Long) row[3];
            DeviceCounts add = new DeviceCounts(n,
                    connection == Connection.ONLINE ? n : 0,
                    connection == Connection.OFFLINE ? n : 0,
                    connection == Connection.NEVER_SEEN ? n : 0,
                    registration == Registration.PENDING ? n : 0, 0);
            counts.merge(site, add, DeviceCounts::plus);
        }
        List<Object[]> faulty = em.createQuery("select d.siteId, count(distinct d.id) from Device d, DeviceFault f "
                + "where f.deviceId = d.id and f.clearedAt is null and d.registration <> :rejected group by d.siteId", Object[].class)
                .setParameter("rejected", Registration.REJECTED)
                .getResultList();
        for (Object[] row : faulty) {
            String site = row[0] == null ? NO_SITE : (String) row[0];
            counts.merge(site, new DeviceCounts(0, 0, 0, 0, 0, (Long) row[1]), DeviceCounts::plus);
        }
        return counts;
    }
}
