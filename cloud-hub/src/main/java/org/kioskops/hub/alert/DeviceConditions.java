package org.kioskops.hub.alert;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.device.Registration;

/**
 * The rules: what is wrong with registered devices now, read from their latest state. A device that is
 * offline ({@code device_offline} on component {@code device}, with the cause of the outage), and every fault
 * a device reports and has not cleared (type = the fault's code, on the fault's component).
 */
@ApplicationScoped
public class DeviceConditions {
    static final String OFFLINE = "device_offline";

    @Inject
    EntityManager em;

    /** Every condition that holds now; call inside a transaction. */
    List<Condition> current() {
        List<Condition> conditions = new ArrayList<>();
        List<Object[]> offline = em.createQuery("select s.deviceId, d.siteId, s.connectionSince, s.offlineReason "
                        + "from DeviceState s, Device d where d.id = s.deviceId and s.connection = :offline "
                        + "and d.registration = :registered", Object[].class)
                .setParameter("offline", Connection.OFFLINE).setParameter("registered", Registration.REGISTERED)
                .getResultList();
        for (Object[] row : offline) {
            String cause = (String) row[3];
            conditions.add(new Condition((String) row[0], (String) row[1], "device", OFFLINE, "critical", (Instant) row[2],
                    "offline" + (cause == null ? "" : ", " + cause)));
        }
        List<Object[]> faults = em.createQuery("select f.deviceId, d.siteId, f.component, f.code, f.raisedAt, f.detail "
                        + "from DeviceFault f, Device d where d.id = f.deviceId and f.clearedAt is null "
                        + "and d.registration = :registered", Object[].class)
                .setParameter("registered", Registration.REGISTERED).getResultList();
        for (Object[] row : faults) {
            conditions.add(new Condition((String) row[0], (String) row[1], (String) row[2], (String) row[3], "major",
                    (Instant) row[4], (String) row[5]));
        }
        return conditions;
    }
}
