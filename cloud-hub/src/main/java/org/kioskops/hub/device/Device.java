package org.kioskops.hub.device;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A kiosk's registry entry, written by operators through the API. Its reported state lives apart, in
 * {@link DeviceState}, which only the ingest path writes, so that neither side overwrites the other.
 */
@Entity
@Table(name = "device")
public class Device extends PanacheEntityBase {
    @Id
    public String id;

    @Column(name = "site_id")
    public String siteId;

    @Enumerated(EnumType.STRING)
    public Registration registration;

    @Column(name = "registered_model")
    public String registeredModel;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
