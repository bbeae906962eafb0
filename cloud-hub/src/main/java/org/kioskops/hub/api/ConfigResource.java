package org.kioskops.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.twin.TwinError;
import org.kioskops.hub.twin.TwinService;

/**
 * Settings documents sent to devices, at fleet, site-tree and device scope; the merged result goes to each
 * device retained. See docs/protocol.md (configuration) for the settings.
 */
@Path("/api/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration")
public class ConfigResource {
    @Inject
    TwinService twins;

    @GET
    @Path("{scope: fleet|sites/[^/]+|devices/[^/]+}")
    @Operation(summary = "The settings document at a scope: fleet, sites/{id} or devices/{id}")
    public TwinService.Document get(@PathParam("scope") String scope) {
        return twins.document(scope(scope));
    }

    @PUT
    @Path("{scope: fleet|sites/[^/]+|devices/[^/]+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the settings document at a scope; checked, audited, and sent to every device whose settings change")
    public TwinService.Document put(@PathParam("scope") String scope, JsonNode settings, @Context HttpHeaders headers) {
        if (settings == null || !settings.isObject()) {
            throw new HubException(TwinError.INVALID_SETTINGS, "the body is a JSON object of settings");
        }
        return twins.put(scope(scope), settings, Actors.of(headers));
    }

    @DELETE
    @Path("{scope: fleet|sites/[^/]+|devices/[^/]+}")
    @Operation(summary = "Remove the settings document at a scope; its devices fall back to the levels above")
    public Response remove(@PathParam("scope") String scope, @Context HttpHeaders headers) {
        twins.remove(scope(scope), Actors.of(headers));
        return Response.noContent().build();
    }

    @GET
    @Path("drift")
    @Operation(summary = "Devices not running their desired settings (not yet applied, rejected, or offline since)")
    public List<TwinService.Twin> drift(@QueryParam("site") String site) {
        return twins.drifting(site);
    }

    private static String scope(String path) {
        if (path.equals("fleet")) {
            return "fleet";
        }
        return (path.startsWith("sites/") ? "site:" : "device:") + path.substring(path.indexOf('/') + 1);
    }
}
