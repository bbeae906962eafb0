package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.kioskops.hub.access.AccessError;
import org.kioskops.hub.access.AccessService;
import org.kioskops.hub.access.Role;
import org.kioskops.hub.error.HubException;

/** Logging in to the dashboard, API tokens, and users (administrators only). */
@Path("/api")
@Tag(name = "Users")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {
    @Inject
    AccessService access;

    /** A login. */
    public record Login(String username, String password) {
    }

    /** A user to create; {@code organisation} is required for a contractor. */
    public record NewUser(String username, String password, String role, String organisation) {
    }

    /** A token to make, named for what uses it. */
    public record TokenRequest(String name) {
    }

    @POST
    @Path("auth/login")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Log in: sets the dashboard's session cookie (HttpOnly, SameSite=Strict)")
    public Response login(Login body) {
        if (body == null) {
            throw new HubException(AccessError.LOGIN_FAILED, "username and password are required");
        }
        AccessService.NewToken session = access.login(body.username(), body.password());
        NewCookie cookie = new NewCookie.Builder(AccessFilter.SESSION_COOKIE).value(session.token()).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) Duration.between(java.time.Instant.now(), session.expiresAt()).toSeconds())
                .build();
        return Response.ok(java.util.Map.of("username", body.username(), "expiresAt", session.expiresAt().toString())).cookie(cookie).build();
    }

    @POST
    @Path("auth/logout")
    @Operation(summary = "Log out: ends the session")
    public Response logout(@CookieParam(AccessFilter.SESSION_COOKIE) String session) {
        access.logout(session);
        return Response.noContent().cookie(new NewCookie.Builder(AccessFilter.SESSION_COOKIE).value("").path("/").maxAge(0).build()).build();
    }

    @GET
    @Path("auth/me")
    @Operation(summary = "Who is logged in")
    public java.util.Map<String, String> me(@Context HttpHeaders headers) {
        return java.util.Map.of("username", Actors.of(headers));
    }

    @POST
    @Path("auth/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "An API token for the caller, for an integration; shown only in this answer")
    public AccessService.NewToken myToken(TokenRequest body, @Context HttpHeaders headers) {
        String me = Actors.of(headers);
        return access.issueToken(me, body == null ? null : body.name(), me);
    }

    @GET
    @Path("users")
    @Operation(summary = "Every user (administrators)")
    public List<AccessService.UserView> users() {
        return access.users();
    }

    @POST
    @Path("users")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a user: role viewer, contractor (with its organisation), operator or admin (administrators)")
    public Response create(NewUser body, @Context HttpHeaders headers) {
        if (body == null) {
            throw new HubException(AccessError.INVALID_USER, "a JSON body is required");
        }
        Role role;
        try {
            role = body.role() == null ? null : Role.valueOf(body.role().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HubException(AccessError.INVALID_USER, "role is viewer, contractor, operator or admin, not " + body.role());
        }
        return Response.status(Response.Status.CREATED)
                .entity(access.createUser(body.username(), body.password(), role, body.organisation(), Actors.of(headers))).build();
    }

    @POST
    @Path("users/{username}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "An API token for a user (administrators); shown only in this answer")
    public AccessService.NewToken token(@PathParam("username") String username, TokenRequest body, @Context HttpHeaders headers) {
        return access.issueToken(username, body == null ? null : body.name(), Actors.of(headers));
    }
}
