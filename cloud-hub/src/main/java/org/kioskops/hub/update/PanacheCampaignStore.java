package org.kioskops.hub.update;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Campaigns, deployments and releases in their tables, through Hibernate ORM with Panache. */
@ApplicationScoped
class PanacheCampaignStore implements CampaignStore {

    @Override
    public Optional<Release> release(long id) {
        return Release.findByIdOptional(id);
    }

    @Override
    public Optional<Campaign> find(long id) {
        return Campaign.findByIdOptional(id);
    }

    @Override
    public List<Campaign> newestFirst() {
        return Campaign.list("order by id desc");
    }

    @Override
    public void add(Campaign campaign) {
        campaign.persist();
    }

    @Override
    public void addDeployments(List<Deployment> deployments) {
        Deployment.persist(deployments);
    }

    @Override
    public List<Deployment> deployments(long campaignId) {
        return Deployment.list("campaignId = ?1 order by wave, deviceId", campaignId);
    }

    @Override
    public List<String> updating(Collection<String> deviceIds) {
        return Deployment.<Deployment>list("deviceId in ?1 and state in ?2 and campaignId in "
                        + "(select c.id from Campaign c where c.state not in ?3)", deviceIds, DeploymentState.IN_PROGRESS,
                        List.of(CampaignState.ABORTED, CampaignState.COMPLETED))
                .stream().map(d -> d.deviceId).distinct().sorted().toList();
    }

    @Override
    public int cancelPending(long campaignId, String detail, Instant at) {
        return Deployment.update("state = ?1, detail = ?2, updatedAt = ?3 where campaignId = ?4 and state = ?5", DeploymentState.CANCELLED,
                detail, at, campaignId, DeploymentState.PENDING);
    }
}
