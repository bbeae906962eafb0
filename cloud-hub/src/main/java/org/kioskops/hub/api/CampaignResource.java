package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.update.CampaignService;
import org.kioskops.hub.update.UpdateError;

/** Rollout campaigns: create, follow, approve the next wave, pause, resume, abort. */
@Path("/api/campaigns")
@Tag(name = "Releases")
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {
    @Inject
    CampaignService campaigns;

    /**
     * A campaign to create.
     *
     * @param target  which devices: {@code siteId} (a subtree of the site tree), {@code hardwareModel}, {@code tag}, {@code deviceIds}
     * @param window  daily maintenance window in each site's local time: {@code opens}, {@code closes} (HH:mm), {@code zone}
     *                for sites without service hours
     */
    public record CreateCampaign(String name, Long releaseId, Target target, String waves, Integer successPercent, Integer failureLimit,
                                 Integer failurePercent, Window window, boolean approveEachWave, boolean allowDowngrade) {
    }

    /** Which devices a campaign is for; every field narrows it. */
    public record Target(String siteId, String hardwareModel, String tag, List<String> deviceIds) {
    }

    /** A daily window, HH:mm to HH:mm (over midnight when it closes before it opens). */
    public record Window(String opens, String closes, String zone) {
    }

    /** Why an operator pauses or aborts. */
    public record Reason(String reason) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a campaign: a release to a target in waves, such as \"2,25%,100%\", with success and failure thresholds "
            + "and a maintenance window; it starts at once unless each wave is to be approved")
    public Response create(CreateCampaign body, @Context HttpHeaders headers) {
        if (body == null) {
            throw new HubException(UpdateError.INVALID_CAMPAIGN, "a JSON body is required");
        }
        Target t = body.target() == null ? new Target(null, null, null, null) : body.target();
        Window w = body.window() == null ? new Window(null, null, null) : body.window();
        CampaignService.View view = campaigns.create(new CampaignService.Plan(body.name(), body.releaseId(), t.siteId(), t.hardwareModel(),
                t.tag(), t.deviceIds(), body.waves(), body.successPercent(), body.failureLimit(), body.failurePercent(), w.opens(), w.closes(), w.zone(),
                body.approveEachWave(), body.allowDowngrade()), Actors.of(headers));
        return Response.status(Response.Status.CREATED).entity(CampaignDtos.Campaign.of(view)).build();
    }

    @GET
    @Operation(summary = "Every campaign with its progress, newest first")
    public List<CampaignDtos.Campaign> list() {
        return campaigns.list().stream().map(CampaignDtos.Campaign::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One campaign: state, current wave, and devices per state overall and per wave")
    public CampaignDtos.Campaign get(@PathParam("id") long id) {
        return CampaignDtos.Campaign.of(campaigns.get(id));
    }

    @GET
    @Path("{id}/devices")
    @Operation(summary = "Each device's deployment: wave, state, versions, and the code and detail of its last report")
    public List<CampaignDtos.Deployment> devices(@PathParam("id") long id) {
        return campaigns.deployments(id).stream().map(CampaignDtos.Deployment::of).toList();
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Start the wave that waits for approval")
    public CampaignDtos.Campaign approve(@PathParam("id") long id, @Context HttpHeaders headers) {
        return CampaignDtos.Campaign.of(campaigns.approve(id, Actors.of(headers)));
    }

    @POST
    @Path("{id}/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop notifying devices; those already notified finish")
    public CampaignDtos.Campaign pause(@PathParam("id") long id, Reason body, @Context HttpHeaders headers) {
        return CampaignDtos.Campaign.of(campaigns.pause(id, Actors.of(headers), body == null ? null : body.reason()));
    }

    @POST
    @Path("{id}/resume")
    @Operation(summary = "Carry on after a pause; after a threshold pause, the failures so far are accepted")
    public CampaignDtos.Campaign resume(@PathParam("id") long id, @Context HttpHeaders headers) {
        return CampaignDtos.Campaign.of(campaigns.resume(id, Actors.of(headers)));
    }

    @POST
    @Path("{id}/abort")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop for good: pending devices are cancelled, devices that have not begun to install are told to cancel")
    public CampaignDtos.Campaign abort(@PathParam("id") long id, Reason body, @Context HttpHeaders headers) {
        return CampaignDtos.Campaign.of(campaigns.abort(id, Actors.of(headers), body == null ? null : body.reason()));
    }
}
