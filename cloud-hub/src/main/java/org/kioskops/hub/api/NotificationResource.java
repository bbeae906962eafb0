package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.notify.NotificationService;

/** Where alerts are sent (routes per organisation, escalation steps) and the log of what was sent. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notifications")
public class NotificationResource {
    @Inject
    NotificationService notifications;

    /**
     * A new route.
     *
     * @param organisation         an owner's organisation, or {@code *} for alerts without an owner
     * @param channel              webhook, wecom, dingtalk or email
     * @param target               the webhook URL, or email addresses separated by commas
     * @param secret               signs generic webhooks (HMAC-SHA256) and DingTalk messages; never shown again
     * @param escalateAfterMinutes makes the route an escalation step: told only of alerts still not acknowledged
     *                             this long after opening
     * @param escalateWhenOverdue  makes the route an escalation step due at the owner's response target
     */
    public record RouteRequest(String organisation, String channel, String target, String secret, Integer escalateAfterMinutes,
                               Boolean escalateWhenOverdue) {
    }

    @GET
    @Path("notification-routes")
    @Operation(summary = "Notification routes, by organisation")
    public List<NotificationService.RouteView> routes(@QueryParam("organisation") String organisation) {
        return notifications.routes(organisation);
    }

    @POST
    @Path("notification-routes")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add a route: where an organisation's alerts go, directly or as an escalation step")
    public Response addRoute(RouteRequest request, @Context HttpHeaders headers) {
        RouteRequest r = request == null ? new RouteRequest(null, null, null, null, null, null) : request;
        return Response.status(Response.Status.CREATED).entity(notifications.addRoute(r.organisation(), r.channel(), r.target(),
                r.secret(), r.escalateAfterMinutes(), Boolean.TRUE.equals(r.escalateWhenOverdue()), Actors.of(headers))).build();
    }

    @DELETE
    @Path("notification-routes/{id}")
    @Operation(summary = "Remove a route; what was sent over it stays in the delivery log")
    public Response removeRoute(@PathParam("id") long id, @Context HttpHeaders headers) {
        notifications.removeRoute(id, Actors.of(headers));
        return Response.noContent().build();
    }

    @POST
    @Path("notification-routes/{id}/test")
    @Operation(summary = "Send a test notice over a route; follow it in the delivery log")
    public Response test(@PathParam("id") long id, @Context HttpHeaders headers) {
        return Response.accepted(notifications.test(id, Actors.of(headers))).build();
    }

    @GET
    @Path("notifications")
    @Operation(summary = "The delivery log, newest first")
    public List<NotificationService.DeliveryView> deliveries(
            @Parameter(description = "pending, sent or failed") @QueryParam("status") String status,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return notifications.deliveries(null, status, limit);
    }

    @POST
    @Path("notifications/{id}/retry")
    @Operation(summary = "Send a failed notification again, to its route's current target")
    public NotificationService.DeliveryView retry(@PathParam("id") long id, @Context HttpHeaders headers) {
        return notifications.retry(id, Actors.of(headers));
    }
}
