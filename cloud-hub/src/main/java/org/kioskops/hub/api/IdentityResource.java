package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.identity.BrokerCa;
import org.kioskops.hub.identity.ClaimService;
import org.kioskops.hub.identity.DeviceImportService;
import org.kioskops.hub.identity.IdentityError;

/** Bulk registration, claim codes, the broker's CA and the audit log. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Device identity")
public class IdentityResource {
    @Inject
    DeviceImportService imports;

    @Inject
    AuditLog audit;

    @Inject
    BrokerCa ca;

    @Inject
    ClaimService claims;

    @POST
    @Path("device-imports")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(summary = "Register devices in bulk from CSV (device_id,site_id,hardware_model); idempotent. credentials=missing "
            + "gives devices without credentials a secret, credentials=rotate gives every listed device a new one; secrets are "
            + "shown only in this answer")
    public Response importDevices(String csv,
                                  @Parameter(description = "none (default), missing or rotate") @QueryParam("credentials") String issue,
                                  @Context HttpHeaders headers) {
        DeviceImportService.Result result = imports.importCsv(csv, credentialsMode(issue), Actors.of(headers));
        return secret(Response.ok(IdentityDtos.ImportResult.of(result)));
    }

    @POST
    @Path("claim-codes")
    @Operation(summary = "Create a one-time claim code for a site; shown only in this answer")
    public Response createCode(IdentityDtos.ClaimCodeRequest request, @Context HttpHeaders headers) {
        if (request == null) {
            throw new HubException(ApiError.INVALID_REQUEST, "a JSON body with siteId is required");
        }
        ClaimService.NewCode code = claims.createCode(request.siteId(), request.hardwareModel(), request.validFor(), Actors.of(headers));
        return secret(Response.status(Response.Status.CREATED).entity(IdentityDtos.ClaimCode.of(code)));
    }

    @GET
    @Path("broker/ca.pem")
    @Produces("application/x-pem-file")
    @Operation(summary = "The CA certificate devices must trust to connect to the broker over TLS")
    public String caCertificate() {
        return ca.pem().orElseThrow(() -> new HubException(IdentityError.NO_BROKER_CA,
                "the hub knows of no TLS for its broker (kioskops.broker.embedded.tls-port or kioskops.mqtt.ca-file)"));
    }

    @GET
    @Path("audit")
    @Operation(summary = "Audited actions, newest first, optionally about one device or site")
    public List<IdentityDtos.AuditEntry> audit(@QueryParam("target") String target,
                                              @QueryParam("limit") @DefaultValue("100") int limit) {
        return audit.recent(target, limit).stream().map(IdentityDtos.AuditEntry::of).toList();
    }

    private static DeviceImportService.Credentials credentialsMode(String value) {
        if (value == null || value.isBlank()) {
            return DeviceImportService.Credentials.NONE;
        }
        try {
            return DeviceImportService.Credentials.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HubException(ApiError.INVALID_REQUEST, "credentials must be none, missing or rotate");
        }
    }

    /** Answers holding a secret must not be kept by any cache on the way. */
    static Response secret(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").build();
    }
}
