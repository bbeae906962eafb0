package org.kioskops.hub.owner;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** The organisation that answers for one concern at a node of the site tree and below. */
@Entity
@Table(name = "site_owner")
public class SiteOwner extends PanacheEntityBase {
    @EmbeddedId
    public Key key;

    public String organisation;

    /** Free text: names, phone numbers, group chats. */
    public String contacts;

    @Column(name = "response_target_minutes")
    public Integer responseTargetMinutes;

    @Column(name = "repair_target_minutes")
    public Integer repairTargetMinutes;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** Site and concern. */
    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "site_id")
        public String siteId;

        @Enumerated(EnumType.STRING)
        public Concern concern;

        public Key() {
        }

        public Key(String siteId, Concern concern) {
            this.siteId = siteId;
            this.concern = concern;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(siteId, k.siteId) && concern == k.concern;
        }

        @Override
        public int hashCode() {
            return Objects.hash(siteId, concern);
        }
    }
}
