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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.access.CurrentCaller;
import org.kioskops.hub.alert.AlertService;
import org.kioskops.hub.notify.NotificationService;

/** Alerts: find them, acknowledge, resolve with a note, comment. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertResource {
    @Inject
    AlertService alerts;

    @Inject
    NotificationService notifications;

    @Inject
    CurrentCaller caller;

    @GET
    @Operation(summary = "Alerts, newest first, filtered by status, site subtree, device, type and opening time")
    public List<AlertDtos.AlertDto> list(
            @Parameter(description = "open, acknowledged, resolved, or active (open or acknowledged)") @QueryParam("status") String status,
            @Parameter(description = "a site id: alerts of every device in its subtree") @QueryParam("site") String site,
            @QueryParam("device") String device,
            @Parameter(description = "device_offline or a fault code") @QueryParam("type") String type,
            @Parameter(description = "the owning organisation") @QueryParam("owner") String owner,
            @Parameter(description = "true: only alerts past their response or repair deadline") @QueryParam("overdue") boolean overdue,
            @Parameter(description = "ISO-8601, opened at or after") @QueryParam("from") String from,
            @Parameter(description = "ISO-8601, opened before") @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        // a contractor sees the alerts its organisation owns, whatever it asks for
        String owning = caller.contractorOrganisation().orElse(owner);
        return alerts.list(new AlertService.Filter(status, site, device, type, owning, overdue, QueryTimes.optional("from", from),
                QueryTimes.optional("to", to), limit)).stream()
                .map(AlertDtos.AlertDto::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One alert with its comments")
    public AlertDtos.AlertDto get(@PathParam("id") long id) {
        return AlertDtos.AlertDto.of(alerts.get(id));
    }

    @POST
    @Path("{id}/acknowledge")
    @Operation(summary = "Acknowledge an open alert: someone is on it")
    public AlertDtos.AlertDto acknowledge(@PathParam("id") long id, @Context HttpHeaders headers) {
        return AlertDtos.AlertDto.of(alerts.acknowledge(id, Actors.of(headers)));
    }

    @POST
    @Path("{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resolve an alert by hand with a note saying what was done; a condition that persists opens a new alert")
    public AlertDtos.AlertDto resolve(@PathParam("id") long id, AlertDtos.ResolveRequest request, @Context HttpHeaders headers) {
        return AlertDtos.AlertDto.of(alerts.resolve(id, Actors.of(headers), request == null ? null : request.note()));
    }

    @POST
    @Path("{id}/comments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a comment to an alert")
    public AlertDtos.AlertDto comment(@PathParam("id") long id, AlertDtos.CommentRequest request, @Context HttpHeaders headers) {
        return AlertDtos.AlertDto.of(alerts.comment(id, Actors.of(headers), request == null ? null : request.body()));
    }

    @POST
    @Path("{id}/assign")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give an alert to a person, or to another organisation whose routes are then notified")
    public AlertDtos.AlertDto assign(@PathParam("id") long id, AlertDtos.AssignRequest request, @Context HttpHeaders headers) {
        AlertDtos.AssignRequest body = request == null ? new AlertDtos.AssignRequest(null, null) : request;
        return AlertDtos.AlertDto.of(alerts.assign(id, body.assignee(), body.organisation(), Actors.of(headers)));
    }

    @GET
    @Path("{id}/notifications")
    @Operation(summary = "The delivery log of an alert: every notice queued for it, to whom, and how its delivery went")
    public List<NotificationService.DeliveryView> notifications(@PathParam("id") long id) {
        alerts.get(id);
        return notifications.deliveries(id, null, 1000);
    }

}
