package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.twin.TwinService;

/** A device's configuration twin: desired against reported. */
@Path("/api/devices/{id}/config")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Configuration")
public class DeviceConfigResource {
    @Inject
    TwinService twins;

    @GET
    @Operation(summary = "Desired settings (merged, with the scopes they come from) and what the device reported: applied or rejected, with the reason")
    public TwinService.Twin twin(@PathParam("id") String id) {
        return twins.twin(id);
    }
}
