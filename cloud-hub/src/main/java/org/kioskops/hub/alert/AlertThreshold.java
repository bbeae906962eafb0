package org.kioskops.hub.alert;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A rule's threshold set on a node of the site tree ({@code site:<id>}) or on one device ({@code device:<id>}). */
@Entity
@Table(name = "alert_threshold")
public class AlertThreshold extends PanacheEntityBase {
    @EmbeddedId
    public Key key;

    @Column(name = "threshold_value")
    public double value;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;

    /** Scope and threshold name. */
    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        public String scope;

        public String rule;

        public Key() {
        }

        public Key(String scope, String rule) {
            this.scope = scope;
            this.rule = rule;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(scope, k.scope) && Objects.equals(rule, k.rule);
        }

        @Override
        public int hashCode() {
            return Objects.hash(scope, rule);
        }
    }
}
