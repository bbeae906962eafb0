package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.access.AccessService;
import org.kioskops.hub.access.CurrentCaller;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteError;
import org.kioskops.hub.site.SiteService;
import org.kioskops.hub.telemetry.TelemetryService;

/** The site hierarchy: city, district, street, community, site (智慧屋). */
@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sites")
public class SiteResource {
    @Inject
    SiteService sites;

    @Inject
    TelemetryService telemetry;

    @Inject
    CurrentCaller caller;

    @Inject
    AccessService access;

    @GET
    @Operation(summary = "The site tree with online, offline and faulty device counts rolled up at every level")
    public SiteDtos.Fleet tree() {
        SiteDtos.Fleet fleet = SiteDtos.Fleet.of(sites.forest());
        // a contractor sees the subtrees its organisation owns, as roots
        return caller.contractorOrganisation().map(org -> fleet.within(access.ownedSites(org))).orElse(fleet);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One site with its subtree and counts")
    public SiteDtos.SiteTree subtree(@PathParam("id") String id) {
        return sites.subtree(id).map(SiteDtos.SiteTree::of)
                .orElseThrow(() -> new HubException(SiteError.SITE_NOT_FOUND, "no site '" + id + "'"));
    }

    @GET
    @Path("{id}/telemetry")
    @Operation(summary = "Metrics of all kiosks under the site, combined per bucket: means for temperatures and "
            + "percentages, sums for counts, occupied over total compartments for lockers_occupancy_pct")
    public List<TelemetryDtos.SeriesDto> telemetry(@PathParam("id") String id,
                                                             @QueryParam("metric") String metric,
                                                             @QueryParam("from") String from,
                                                             @QueryParam("to") String to,
                                                             @QueryParam("step") String step,
                                                             @QueryParam("agg") String agg) {
        return telemetry.site(id, new TelemetryService.Query(metric, from, to, step, agg)).stream()
                .map(TelemetryDtos.SeriesDto::of).toList();
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Create or update a site; the parent must be exactly one level up (201 when created)")
    public Response put(@PathParam("id") String id, SiteDtos.SiteRequest request) {
        if (request == null) {
            throw new HubException(ApiError.INVALID_REQUEST, "a JSON body with kind, name and parentId is required");
        }
        SiteService.Upsert result = sites.put(id, request.kind(), request.name(), request.parentId());
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(SiteDtos.SiteDto.of(result.site())).build();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a site that has no children and no devices")
    public Response delete(@PathParam("id") String id) {
        sites.delete(id);
        return Response.noContent().build();
    }
}
