package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.alert.Thresholds;

/** Thresholds of the alert rules on a node of the site tree, for its subtree; a device's own: {@link DeviceThresholdResource}. */
@Path("/api/sites/{id}/thresholds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class ThresholdResource {
    @Inject
    Thresholds thresholds;

    /** Body of a threshold change. */
    public record ThresholdRequest(Double value) {
    }

    @GET
        @Operation(summary = "Every rule threshold in force at a site node, and where each is set (default, the node or an ancestor)")
    public List<Thresholds.Setting> ofSite(@PathParam("id") String id) {
        return thresholds.ofSite(id);
    }

    @PUT
    @Path("{threshold}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a threshold for a site node and its subtree")
    public List<Thresholds.Setting> setForSite(@PathParam("id") String id, @PathParam("threshold") String threshold,
                                               ThresholdRequest request, @Context HttpHeaders headers) {
        return thresholds.setForSite(id, threshold, request == null ? null : request.value(), Actors.of(headers));
    }

    @DELETE
    @Path("{threshold}")
    @Operation(summary = "Remove a threshold set on a site node; an ancestor's or the default applies again")
    public List<Thresholds.Setting> removeForSite(@PathParam("id") String id, @PathParam("threshold") String threshold,
                                                  @Context HttpHeaders headers) {
        return thresholds.removeForSite(id, threshold, Actors.of(headers));
    }
}
