package org.kioskops.hub.update;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.kioskops.hub.config.UploadConfig;
import org.kioskops.protocol.DeviceMessage;
import org.kioskops.protocol.UpdateOrder;

/**
 * The update orders of the contract, built from campaigns and deployments: what the broker keeps retained for
 * MQTT devices, and what a CoAP device reads from {@code /kioskops/v1/{id}/update}.
 */
@ApplicationScoped
public class UpdateOrders {
    private static final List<DeploymentState> CANCELLABLE = List.of(DeploymentState.NOTIFIED, DeploymentState.DOWNLOADING,
            DeploymentState.DOWNLOADED, DeploymentState.CANCELLED);

    @Inject
    UploadConfig config;

    /** The order to install {@code release} for deployment {@code d}. */
    UpdateOrder install(Campaign c, Release release, Deployment d, Instant at) {
        String base = config.publicUrl().orElseThrow().replaceAll("/+$", "");
        return new UpdateOrder(DeviceMessage.VERSION, d.deviceId, d.id, UpdateOrder.Action.INSTALL, release.kind, release.version,
                base + "/api/releases/" + release.id + "/file", release.sizeBytes, release.sha256, release.signature, c.allowDowngrade, at);
    }

    /** The order withdrawing deployment {@code d}. */
    static UpdateOrder cancel(Deployment d, Instant at) {
        return new UpdateOrder(DeviceMessage.VERSION, d.deviceId, d.id, UpdateOrder.Action.CANCEL, null, null, null, 0, null, null, false, at);
    }

    /**
     * The order a device holds now: that of its latest deployment it was sent, a cancel if its campaign was
     * aborted before the device began to install; empty if it was never sent one.
     */
    @Transactional
    public Optional<UpdateOrder> current(String deviceId) {
        Deployment d = Deployment.<Deployment>find("deviceId = ?1 and notifiedAt is not null order by id desc", deviceId).firstResult();
        if (d == null) {
            return Optional.empty();
        }
        Campaign c = Campaign.findById(d.campaignId);
        if (c.state == CampaignState.ABORTED && CANCELLABLE.contains(d.state)) {
            return Optional.of(cancel(d, c.updatedAt));
        }
        return Optional.of(install(c, Release.findById(c.releaseId), d, d.notifiedAt));
    }
}
