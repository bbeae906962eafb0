package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.kioskops.hub.alert.MaintenanceService;

/** Maintenance windows: planned work during which alerts are suppressed. */
@Path("/api/maintenance-windows")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class MaintenanceResource {
    @Inject
    MaintenanceService maintenance;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Plan a maintenance window on a site subtree or one device; alerts that open during it are suppressed")
    public Response schedule(AlertDtos.MaintenanceWindowDto request, @Context HttpHeaders headers) {
        AlertDtos.MaintenanceWindowDto body = request == null
                ? new AlertDtos.MaintenanceWindowDto(null, null, null, null, null, null, null, null) : request;
        return Response.status(Response.Status.CREATED).entity(AlertDtos.MaintenanceWindowDto.of(maintenance.schedule(body.siteId(),
                body.deviceId(), body.startsAt(), body.endsAt(), body.reason(), Actors.of(headers)))).build();
    }

    @GET
    @Operation(summary = "Windows not yet over, soonest first")
    public List<AlertDtos.MaintenanceWindowDto> current() {
        return maintenance.current().stream().map(AlertDtos.MaintenanceWindowDto::of).toList();
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "End a window now, or cancel one that has not begun")
    public AlertDtos.MaintenanceWindowDto end(@PathParam("id") long id, @Context HttpHeaders headers) {
        return AlertDtos.MaintenanceWindowDto.of(maintenance.end(id, Actors.of(headers)));
    }
}
