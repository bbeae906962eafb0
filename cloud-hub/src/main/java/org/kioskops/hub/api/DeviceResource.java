package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.device.DeviceError;
import org.kioskops.hub.device.DeviceService;
import org.kioskops.hub.device.DeviceViews;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteService;

/** The device registry and each device's latest state. */
@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
public class DeviceResource {
    @Inject
    DeviceService devices;

    @Inject
    SiteService sites;

    @GET
    @Operation(summary = "Devices, filtered by site subtree and status, ordered by id")
    public DeviceDtos.DevicePage list(
            @Parameter(description = "a site node id; devices anywhere below it") @QueryParam("site") String site,
            @Parameter(description = "online, offline, never_seen, pending, rejected or faulty") @QueryParam("status") String status,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return DeviceDtos.DevicePage.of(devices.list(site, status, offset, limit));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Latest state of a device with every locker compartment, its faults and sequence bookkeeping")
    public DeviceDtos.DeviceDetails details(@PathParam("id") String id) {
        DeviceViews.Details details = devices.details(id)
                .orElseThrow(() -> new HubException(DeviceError.DEVICE_NOT_FOUND, "no device '" + id + "'"));
        return DeviceDtos.DeviceDetails.of(details, sites.ancestry(details.summary().siteId()));
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Register a device on a site, or update it; a pending device becomes registered (201 when created)")
    public Response register(@PathParam("id") String id, DeviceDtos.DeviceRequest request) {
        if (request == null) {
            throw new HubException(ApiError.INVALID_REQUEST, "a JSON body with siteId is required");
        }
        DeviceService.Upsert result = devices.register(id, request.siteId(), request.hardwareModel());
        return Response.status(result.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(DeviceDtos.DeviceSummary.of(result.device())).build();
    }

    @POST
    @Path("{id}/accept")
    @Operation(summary = "Accept a pending (or rejected) device onto a site; its data so far is kept")
    public DeviceDtos.DeviceSummary accept(@PathParam("id") String id, DeviceDtos.DeviceRequest request) {
        devices.details(id).orElseThrow(() -> new HubException(DeviceError.DEVICE_NOT_FOUND, "no device '" + id + "'"));
        if (request == null) {
            throw new HubException(ApiError.INVALID_REQUEST, "a JSON body with siteId is required");
        }
        return DeviceDtos.DeviceSummary.of(devices.register(id, request.siteId(), request.hardwareModel()).device());
    }

    @POST
    @Path("{id}/reject")
    @Operation(summary = "Reject a device: its further messages are refused and counted as device_rejected")
    public DeviceDtos.DeviceSummary reject(@PathParam("id") String id) {
        return DeviceDtos.DeviceSummary.of(devices.reject(id));
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The device's newest events, newest first")
    public List<DeviceDtos.Event> events(@PathParam("id") String id, @QueryParam("limit") @DefaultValue("100") int limit) {
        return devices.events(id, limit).stream().map(DeviceDtos.Event::of).toList();
    }
}
