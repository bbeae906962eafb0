package org.kioskops.hub.twin;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A settings document at one scope: {@code fleet}, {@code site:<id>} or {@code device:<id>}. */
@Entity
@Table(name = "config_document")
public class ConfigDocument extends PanacheEntityBase {
    @Id
    public String scope;

    /** Counts the changes of this document, from 1. */
    public int version;

    /** The settings it names, as JSON. */
    public String settings;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Column(name = "updated_by")
    public String updatedBy;
}
