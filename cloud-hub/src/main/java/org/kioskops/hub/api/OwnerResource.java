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
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.owner.Concern;
import org.kioskops.hub.owner.OwnerService;
import org.kioskops.hub.site.SiteError;

/** Who answers for what at a site: set on any node of the site tree, inherited below it. */
@Path("/api/sites/{id}/owners")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Owners")
public class OwnerResource {
    @Inject
    OwnerService owners;

    /**
     * The owner of one concern.
     *
     * @param concern               {@code hardware}, {@code lockers} or {@code community}
     * @param definedAt             the node it was set on: this one or an ancestor
     * @param responseTargetMinutes time to acknowledge an alert the owner agreed to
     * @param repairTargetMinutes   time to resolve it
     */
    public record OwnerDto(String concern, String organisation, String contacts, Integer responseTargetMinutes,
                           Integer repairTargetMinutes, String definedAt) {
        static OwnerDto of(OwnerService.Owner o) {
            return new OwnerDto(o.concern().wire(), o.organisation(), o.contacts(), o.responseTargetMinutes(),
                    o.repairTargetMinutes(), o.definedAt());
        }
    }

    /** What to set. */
    public record OwnerRequest(String organisation, String contacts, Integer responseTargetMinutes, Integer repairTargetMinutes) {
    }

    @GET
    @Operation(summary = "The owners in force at this node, by concern, with the node each was set on")
    public List<OwnerDto> list(@PathParam("id") String id) {
        return owners.list(id).stream().map(OwnerDto::of).toList();
    }

    @PUT
    @Path("{concern}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set who answers for a concern (hardware, lockers, community) at this node and below")
    public OwnerDto set(@PathParam("id") String id, @PathParam("concern") String concern, OwnerRequest request,
                        @Context HttpHeaders headers) {
        OwnerRequest body = request == null ? new OwnerRequest(null, null, null, null) : request;
        return OwnerDto.of(owners.set(id, concern(concern), body.organisation(), body.contacts(), body.responseTargetMinutes(),
                body.repairTargetMinutes(), Actors.of(headers)));
    }

    @DELETE
    @Path("{concern}")
    @Operation(summary = "Remove the owner set at this node; an ancestor's applies again")
    public Response remove(@PathParam("id") String id, @PathParam("concern") String concern, @Context HttpHeaders headers) {
        owners.remove(id, concern(concern), Actors.of(headers));
        return Response.noContent().build();
    }

    private static Concern concern(String wire) {
        return Concern.ofWire(wire).orElseThrow(() -> new HubException(SiteError.INVALID_SITE,
                "concern must be hardware, lockers or community"));
    }
}
