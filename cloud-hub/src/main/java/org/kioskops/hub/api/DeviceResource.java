package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.device.DeviceError;
import org.kioskops.hub.device.DeviceQueries;
import org.kioskops.hub.device.DeviceService;
import org.kioskops.hub.device.DeviceViews;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.site.SiteService;
import org.kioskops.hub.telemetry.TelemetryService;

/** The device registry and each device's latest state. */
@Path("/api/devices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Devices")
public class DeviceResource {
    @Inject
    DeviceService devices;

    @Inject
    DeviceQueries queries;

    @Inject
    SiteService sites;

    @Inject
    TelemetryService telemetry;

    @GET
    @Operation(summary = "Devices, filtered by site subtree and status, ordered by id")
    public DeviceDtos.DevicePage list(
            @Parameter(description = "a site node id; devices anywhere below it") @QueryParam("site") String site,
            @Parameter(description = "online, offline, never_seen, pending, rejected or faulty") @QueryParam("status") String status,
            @QueryParam("offset") @DefaultValue("0") int offset,
            @QueryParam("limit") @DefaultValue("100") int limit) {
        return DeviceDtos.DevicePage.of(queries.list(site, status, offset, limit));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Latest state of a device with every locker compartment, its faults and sequence bookkeeping")
    public DeviceDtos.DeviceDetails details(@PathParam("id") String id) {
        DeviceViews.Details details = queries.details(id)
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

    @GET
    @Path("{id}/tags")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The device's tags")
    public List<String> tags(@PathParam("id") String id) {
        return devices.tags(id);
    }

    @PUT
    @Path("{id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the device's tags (up to 20; lower-case letters, digits, '.', '_', '-'), for choosing campaign targets")
    public List<String> setTags(@PathParam("id") String id, List<String> tags, @Context HttpHeaders headers) {
        return devices.setTags(id, tags, Actors.of(headers));
    }

    @POST
    @Path("{id}/accept")
    @Operation(summary = "Accept a pending (or rejected) device onto a site; its data so far is kept")
    public DeviceDtos.DeviceSummary accept(@PathParam("id") String id, DeviceDtos.DeviceRequest request) {
        queries.details(id).orElseThrow(() -> new HubException(DeviceError.DEVICE_NOT_FOUND, "no device '" + id + "'"));
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
    @Path("{id}/availability")
    @Operation(summary = "The device's online and offline periods in [from, to) with the cause of each outage, and the share "
            + "of time it was online")
    public DeviceDtos.AvailabilityDto availability(@PathParam("id") String id,
                                                   @Parameter(description = "ISO-8601; default 7 days before to") @QueryParam("from") String from,
                                                   @Parameter(description = "ISO-8601; default now") @QueryParam("to") String to) {
        return DeviceDtos.AvailabilityDto.of(queries.availability(id, QueryTimes.optional("from", from), QueryTimes.optional("to", to)));
    }

    @GET
    @Path("{id}/events")
    @Operation(summary = "The device's events in [from, to), optionally of one type, newest first")
    public List<DeviceDtos.Event> events(@PathParam("id") String id,
                                         @QueryParam("from") String from,
                                         @QueryParam("to") String to,
                                         @Parameter(description = "an event type such as door_opened") @QueryParam("type") String type,
                                         @QueryParam("limit") @DefaultValue("100") int limit) {
        return queries.events(id, QueryTimes.optional("from", from), QueryTimes.optional("to", to), type, limit).stream()
                .map(DeviceDtos.Event::of).toList();
    }

    @GET
    @Path("{id}/telemetry")
    @Operation(summary = "Metrics of the device over time, in buckets of step combined by agg (mean, min, max, last, count)")
    public List<TelemetryDtos.SeriesDto> telemetry(@PathParam("id") String id,
                                                   @Parameter(description = "one or more metrics, comma-separated, "
                                                           + "such as cpu_temp_c,lockers_occupancy_pct")
                                                   @QueryParam("metric") String metric,
                                                   @Parameter(description = "ISO-8601; default 24 h before to") @QueryParam("from") String from,
                                                   @Parameter(description = "ISO-8601; default now") @QueryParam("to") String to,
                                                   @Parameter(description = "30s, 5m, 1h, 1d; default about 300 buckets") @QueryParam("step") String step,
                                                   @Parameter(description = "mean (default), min, max, last, count") @QueryParam("agg") String agg) {
        return telemetry.device(id, new TelemetryService.Query(metric, from, to, step, agg)).stream()
                .map(TelemetryDtos.SeriesDto::of).toList();
    }

    @GET
    @Path("{id}/health-measurements")
    @Operation(summary = "Health-station measurements taken at the device, newest first (personal data)")
    public List<TelemetryDtos.HealthMeasurementDto> healthMeasurements(@PathParam("id") String id,
                                                                       @QueryParam("from") String from,
                                                                       @QueryParam("to") String to,
                                                                       @Parameter(description = "a health kind such as weight")
                                                                       @QueryParam("kind") String kind,
                                                                       @QueryParam("limit") @DefaultValue("100") int limit) {
        return queries.healthMeasurements(id, QueryTimes.optional("from", from), QueryTimes.optional("to", to), kind, limit).stream()
                .map(m -> new TelemetryDtos.HealthMeasurementDto(m.measuredAt(), m.kind(), m.value(), m.unit(), m.source(), m.seq()))
                .toList();
    }

}
