package org.kioskops.hub.site;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** Opening hours of a site subtree on one weekday (1 = Monday). */
@Entity
@Table(name = "service_hours")
@IdClass(ServiceHoursRow.Key.class)
public class ServiceHoursRow extends PanacheEntityBase {
    @Id
    @Column(name = "site_id")
    public String siteId;

    @Id
    public int weekday;

    public String opens;

    public String closes;

    public String zone;

    /** Composite key: site, weekday. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String siteId;
        public int weekday;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && weekday == k.weekday && Objects.equals(siteId, k.siteId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(siteId, weekday);
        }
    }
}
