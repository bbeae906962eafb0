package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.command.CommandService;

/** One command: where it stands, and cancelling it before it is sent. */
@Path("/api/commands/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Commands")
public class CommandResource {
    @Inject
    CommandService commands;

    @GET
    @Operation(summary = "A command: queued, delivered, succeeded, failed, expired or cancelled, with the device's answer")
    public CommandService.View get(@PathParam("id") long id) {
        return commands.get(id);
    }

    @POST
    @Path("cancel")
    @Operation(summary = "Cancel a command not yet sent to its device (409 once sent)")
    public CommandService.View cancel(@PathParam("id") long id, @Context HttpHeaders headers) {
        return commands.cancel(id, Actors.of(headers));
    }
}
