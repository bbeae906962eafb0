package org.kioskops.hub.api;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
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
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.identity.ClaimService;
import org.kioskops.hub.identity.DeviceClaim;

/** Zero-touch provisioning: claims by boxes, approval by operators; the codes come from {@code POST /api/claim-codes}. */
@Path("/api/claims")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Device identity")
public class ClaimResource {
    @Inject
    ClaimService claims;

    @POST
    @Operation(summary = "A box claims a device id with a claim code; it gets a claim id and a pickup token to collect its secret "
            + "once an operator approved")
    public Response claim(IdentityDtos.ClaimRequest request, @Context HttpServerRequest http) {
        if (request == null) {
            throw new HubException(ApiError.INVALID_REQUEST, "a JSON body with code and deviceId is required");
        }
        ClaimService.Claimed claimed = claims.claim(request.code(), request.deviceId(), source(http));
        return IdentityResource.secret(Response.status(Response.Status.CREATED).entity(IdentityDtos.ClaimTicket.of(claimed)));
    }

    @GET
    @Operation(summary = "Claims, newest first, optionally by status (pending, approved, rejected, collected)")
    public List<IdentityDtos.Claim> list(@QueryParam("status") String status, @QueryParam("limit") @DefaultValue("100") int limit) {
        return claims.list(status(status), limit).stream().map(IdentityDtos.Claim::of).toList();
    }

    @POST
    @Path("{id}/approve")
    @Operation(summary = "Approve a pending claim: the device is registered on the code's site and may collect its secret")
    public IdentityDtos.Claim approve(@PathParam("id") String id, @Context HttpHeaders headers) {
        return IdentityDtos.Claim.of(claims.approve(id, Actors.of(headers)));
    }

    @POST
    @Path("{id}/reject")
    @Operation(summary = "Reject a pending claim")
    public IdentityDtos.Claim reject(@PathParam("id") String id, @Context HttpHeaders headers) {
        return IdentityDtos.Claim.of(claims.reject(id, Actors.of(headers)));
    }

    @POST
    @Path("{id}/pickup")
    @Operation(summary = "The box collects its secret with its pickup token: 202 while pending, 200 with the secret once "
            + "approved (only once), 403 when rejected")
    public Response pickup(@PathParam("id") String id, IdentityDtos.PickupRequest request, @Context HttpServerRequest http) {
        ClaimService.Pickup pickup = claims.pickup(id, request == null ? null : request.pickupToken(), source(http));
        int status = pickup.status() == DeviceClaim.Status.PENDING ? 202 : 200;
        return IdentityResource.secret(Response.status(status).entity(IdentityDtos.PickupResult.of(pickup)));
    }

    /** The box's address (behind a proxy, the forwarded one if quarkus.http.proxy.proxy-address-forwarding is on). */
    private static String source(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    private static DeviceClaim.Status status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return DeviceClaim.Status.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HubException(ApiError.INVALID_REQUEST, "status must be pending, approved, rejected or collected");
        }
    }
}
