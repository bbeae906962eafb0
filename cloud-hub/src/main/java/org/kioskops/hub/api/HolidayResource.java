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
import org.kioskops.hub.site.ServiceCalendar;

/** Days without service on a site subtree: a dark screen then is normal. */
@Path("/api/sites/{id}/holidays")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sites")
public class HolidayResource {
    @Inject
    ServiceCalendar calendar;

    /** Body of a holiday. */
    public record HolidayRequest(String name) {
    }

    @GET
    @Operation(summary = "Days without service at a node: its own and its ancestors'")
    public List<ServiceCalendar.Holiday> holidays(@PathParam("id") String id) {
        return calendar.holidays(id);
    }

    @PUT
    @Path("{day}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a day without service (ISO date) to a node and its subtree")
    public List<ServiceCalendar.Holiday> addHoliday(@PathParam("id") String id, @PathParam("day") String day, HolidayRequest request,
                                                    @Context HttpHeaders headers) {
        return calendar.addHoliday(id, day, request == null ? null : request.name(), Actors.of(headers));
    }

    @DELETE
    @Path("{day}")
    @Operation(summary = "Remove a day without service")
    public List<ServiceCalendar.Holiday> removeHoliday(@PathParam("id") String id, @PathParam("day") String day,
                                                       @Context HttpHeaders headers) {
        return calendar.removeHoliday(id, day, Actors.of(headers));
    }
}
