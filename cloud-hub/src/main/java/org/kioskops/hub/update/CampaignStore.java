package org.kioskops.hub.update;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where campaigns, their deployments and the releases they send are kept. Objects it hands out are live:
 * changes made to them within the caller's transaction are kept when it commits.
 */
interface CampaignStore {
    /** The release with this id, if there is one. */
    Optional<Release> release(long id);

    /** The campaign with this id, if there is one. */
    Optional<Campaign> find(long id);

    /** Every campaign, newest first. */
    List<Campaign> newestFirst();

    /** Keeps a new campaign; it has its id once this returns. */
    void add(Campaign campaign);

    /** Keeps new deployments of a campaign kept before. */
    void addDeployments(List<Deployment> deployments);

    /** A campaign's deployments by wave, then device id. */
    List<Deployment> deployments(long campaignId);

    /** Those of these devices that are updating ({@link DeploymentState#IN_PROGRESS}) in a campaign not over. */
    List<String> updating(Collection<String> deviceIds);

    /** Cancels a campaign's deployments still pending, with {@code detail}; returns how many. */
    int cancelPending(long campaignId, String detail, Instant at);
}
