package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
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

    @PUT
    @Path("artifact")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Used by a device: upload what a screenshot or diagnostics command collected, to the one-time URL the command carries")
    public CommandService.Artifact upload(@PathParam("id") long id, @QueryParam("token") String token,
                                          @HeaderParam("Content-Type") String type, InputStream body)
            throws IOException {
        return commands.upload(id, token, type, body);
    }

    @GET
    @Path("artifact")
    @Produces(MediaType.WILDCARD)
    @Operation(summary = "Download what the device uploaded for a command (a PNG screenshot, a ZIP diagnostics bundle)")
    public Response artifact(@PathParam("id") long id) throws IOException {
        CommandService.Download download = commands.artifact(id);
        return Response.ok(download.content(), download.type())
                .header("Content-Disposition", "attachment; filename=\"command-" + id + extension(download.type()) + "\"").build();
    }

    private static String extension(String type) {
        return switch (type) {
            case "image/png" -> ".png";
            case "application/zip" -> ".zip";
            default -> ".bin";
        };
    }

    @POST
    @Path("cancel")
    @Operation(summary = "Cancel a command not yet sent to its device (409 once sent)")
    public CommandService.View cancel(@PathParam("id") long id, @Context HttpHeaders headers) {
        return commands.cancel(id, Actors.of(headers));
    }
}
