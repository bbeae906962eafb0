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

/** Service hours and holidays of a site subtree: outside them a dark screen is normal. */
@Path("/api/sites/{id}/service-hours")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Sites")
public class ServiceHoursResource {
    @Inject
    ServiceCalendar calendar;

    /** Body of a service-hours change: the zone and the weekdays with service. */
    public record HoursRequest(String zone, List<ServiceCalendar.Day> week) {
    }

    @GET
    @Operation(summary = "The service hours in force at a node and where they are set (definedAt null: none, always in service)")
    public ServiceCalendar.Hours hours(@PathParam("id") String id) {
        return calendar.hours(id);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set the service hours of a node and its subtree; weekdays left out are closed")
    public ServiceCalendar.Hours setHours(@PathParam("id") String id, HoursRequest request, @Context HttpHeaders headers) {
        HoursRequest r = request == null ? new HoursRequest(null, null) : request;
        return calendar.setHours(id, r.zone(), r.week(), Actors.of(headers));
    }

    @DELETE
    @Operation(summary = "Remove the hours set on a node; an ancestor's apply again")
    public ServiceCalendar.Hours clearHours(@PathParam("id") String id, @Context HttpHeaders headers) {
        return calendar.clearHours(id, Actors.of(headers));
    }
}
