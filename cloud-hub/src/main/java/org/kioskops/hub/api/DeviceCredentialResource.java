package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.identity.CredentialService;
import org.kioskops.hub.identity.IdentityError;

/** A device's MQTT credentials, a secret or a client certificate: issue (or rotate), look up, revoke. */
@Path("/api/devices/{id}/credentials")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Device identity")
public class DeviceCredentialResource {
    @Inject
    CredentialService credentials;

    @POST
    @Operation(summary = "Issue a device's MQTT secret, replacing (and so revoking) any earlier one; the secret is shown only in this answer")
    public Response issue(@PathParam("id") String id, @Context HttpHeaders headers) {
        CredentialService.Issued issued = credentials.issue(id, Actors.of(headers));
        return IdentityResource.secret(Response.status(Response.Status.CREATED).entity(IdentityDtos.IssuedCredentials.of(issued)));
    }

    @POST
    @Path("certificate")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a TLS client certificate for the device from its certificate signing request (or, without one, "
            + "for a key pair made here and returned only in this answer), replacing (and so revoking) any earlier credential")
    public Response issueCertificate(@PathParam("id") String id, IdentityDtos.CertificateRequest request, @Context HttpHeaders headers) {
        IdentityDtos.CertificateRequest body = request == null ? new IdentityDtos.CertificateRequest(null, null) : request;
        CredentialService.IssuedCertificate issued = credentials.issueCertificate(id, body.csr(),
                body.validityDays() == null ? null : Duration.ofDays(body.validityDays()), Actors.of(headers));
        return IdentityResource.secret(Response.status(Response.Status.CREATED).entity(IdentityDtos.IssuedCertificate.of(issued)));
    }

    @POST
    @Path("psk")
    @Operation(summary = "Issue a DTLS pre-shared key for a CoAP device (identity: the device id), replacing (and so revoking) any "
            + "earlier credential; the key is shown only in this answer")
    public Response issuePsk(@PathParam("id") String id, @Context HttpHeaders headers) {
        CredentialService.IssuedPsk issued = credentials.issuePsk(id, Actors.of(headers));
        return IdentityResource.secret(Response.status(Response.Status.CREATED).entity(IdentityDtos.IssuedPsk.of(issued)));
    }

    @GET
    @Operation(summary = "Whether a device has active credentials, who issued or revoked them and when; never the secret")
    public IdentityDtos.CredentialStatus status(@PathParam("id") String id) {
        return credentials.status(id).map(IdentityDtos.CredentialStatus::of)
                .orElseThrow(() -> new HubException(IdentityError.NO_CREDENTIALS, "'" + id + "' has no credentials"));
    }

    @DELETE
    @Operation(summary = "Revoke a device's credentials: the broker disconnects it and refuses it until new ones are issued")
    public IdentityDtos.CredentialStatus revoke(@PathParam("id") String id, @Context HttpHeaders headers) {
        return IdentityDtos.CredentialStatus.of(credentials.revoke(id, Actors.of(headers)));
    }
}
