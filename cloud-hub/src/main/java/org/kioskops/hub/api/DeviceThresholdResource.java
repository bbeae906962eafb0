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

/** A device's own thresholds of the alert rules, which win over its site's. */
@Path("/api/devices/{id}/thresholds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class DeviceThresholdResource {
    @Inject
    Thresholds thresholds;

    @GET
        @Operation(summary = "Every rule threshold in force for a device, and where each is set")
    public List<Thresholds.Setting> ofDevice(@PathParam("id") String id) {
        return thresholds.ofDevice(id);
    }

    @PUT
    @Path("{threshold}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a threshold for one device")
    public List<Thresholds.Setting> setForDevice(@PathParam("id") String id, @PathParam("threshold") String threshold,
                                                 ThresholdResource.ThresholdRequest request, @Context HttpHeaders headers) {
        return thresholds.setForDevice(id, threshold, request == null ? null : request.value(), Actors.of(headers));
    }

    @DELETE
    @Path("{threshold}")
    @Operation(summary = "Remove a device's own threshold")
    public List<Thresholds.Setting> removeForDevice(@PathParam("id") String id, @PathParam("threshold") String threshold,
                                                    @Context HttpHeaders headers) {
        return thresholds.removeForDevice(id, threshold, Actors.of(headers));
    }
}
