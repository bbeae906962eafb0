package org.kioskops.hub.update;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A rollout campaign: a release sent to a fleet subset in waves. */
@Entity
@Table(name = "rollout_campaign")
public class Campaign extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;

    @Column(name = "release_id")
    public long releaseId;

    /** The target as given, for people: site, hardware model, devices. */
    public String target;

    /** Cumulative wave sizes as given, such as {@code 2,25%,100%}. */
    public String waves;

    @Column(name = "success_percent")
    public int successPercent;

    @Column(name = "failure_limit")
    public Integer failureLimit;

    @Column(name = "failure_percent")
    public Integer failurePercent;

    @Column(name = "window_opens")
    public String windowOpens;

    @Column(name = "window_closes")
    public String windowCloses;

    /** Zone of the window for sites without service hours (theirs comes from their hours). */
    @Column(name = "window_zone")
    public String windowZone;

    @Column(name = "approve_each_wave")
    public boolean approveEachWave;

    @Column(name = "allow_downgrade")
    public boolean allowDowngrade;

    @Enumerated(EnumType.STRING)
    public CampaignState state;

    /** The wave whose devices are being notified, from 1; 0 before the first. */
    @Column(name = "current_wave")
    public int currentWave;

    /** Failures of the current wave an operator accepted by resuming after a threshold pause. */
    @Column(name = "failures_accepted")
    public long failuresAccepted;

    @Column(name = "wave_count")
    public int waveCount;

    @Column(name = "state_reason")
    public String stateReason;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
