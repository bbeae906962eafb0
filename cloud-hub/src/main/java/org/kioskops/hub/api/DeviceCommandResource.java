package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.kioskops.hub.command.CommandService;

/** Commands to one device: give one, list them. */
@Path("/api/devices/{id}/commands")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Commands")
public class DeviceCommandResource {
    @Inject
    CommandService commands;

    /**
     * A command.
     *
     * @param name        reboot, restart_agent, screen_on, screen_off, unlock, diagnostics or screenshot
     * @param bank        for unlock
     * @param compartment for unlock
     * @param reason      why; required for unlock
     * @param ttlSeconds  how long it may wait for the device, 10 s to 7 days (default 600)
     */
    public record CommandRequest(String name, String bank, Integer compartment, String reason, Long ttlSeconds) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a device a command (202): sent at once if it is online, else when it comes back; follow it at /api/commands/{id}")
    public Response submit(@PathParam("id") String id, CommandRequest request, @Context HttpHeaders headers) {
        CommandRequest r = request == null ? new CommandRequest(null, null, null, null, null) : request;
        return Response.accepted(commands.submit(id, r.name(), r.bank(), r.compartment(), r.reason(), r.ttlSeconds(), Actors.of(headers)))
                .build();
    }

    @GET
    @Operation(summary = "A device's commands, newest first")
    public List<CommandService.View> list(@PathParam("id") String id, @QueryParam("state") String state,
                                          @QueryParam("limit") @DefaultValue("100") int limit) {
        return commands.ofDevice(id, state, limit);
    }
}
