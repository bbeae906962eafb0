package org.kioskops.hub.site;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;

/** A day without service on a site subtree. */
@Entity
@Table(name = "service_holiday")
@IdClass(ServiceHoliday.Key.class)
public class ServiceHoliday extends PanacheEntityBase {
    @Id
    @Column(name = "site_id")
    public String siteId;

    @Id
    @Column(name = "holiday_date")
    public LocalDate day;

    public String name;

    /** Composite key: site, day. */
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String siteId;
        public LocalDate day;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(day, k.day) && Objects.equals(siteId, k.siteId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(siteId, day);
        }
    }
}
