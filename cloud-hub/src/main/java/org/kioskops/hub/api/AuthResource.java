package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** Changes to a user; what is left out stays. */
    public record UserChange(String password, String role, String organisation, Boolean disabled) {
    }

    /** A password change by the user itself. */
    public record PasswordChange(String current, String password) {
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
                .sameSite(NewCookie.SameSite.STRICT).maxAge((int) Duration.between(Instant.now(), session.expiresAt()).toSeconds())
                .build();
        return Response.ok(Map.of("username", body.username(), "expiresAt", session.expiresAt().toString())).cookie(cookie).build();
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
    public Map<String, String> me(@Context HttpHeaders headers) {
        return Map.of("username", Actors.of(headers));
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
        return Response.status(Response.Status.CREATED)
                .entity(access.createUser(body.username(), body.password(), role(body.role()), body.organisation(), Actors.of(headers))).build();
    }

    private static Role role(String name) {
        try {
            return name == null ? null : Role.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new HubException(AccessError.INVALID_USER, "role is viewer, contractor, operator or admin, not " + name);
        }
    }

    @PUT
    @Path("users/{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a user: password, role, organisation, disabled (administrators); a disabled user's sessions end")
    public AccessService.UserView update(@PathParam("username") String username, UserChange body, @Context HttpHeaders headers) {
        UserChange c = body == null ? new UserChange(null, null, null, null) : body;
        return access.update(username, c.password(), role(c.role()), c.organisation(), c.disabled(), Actors.of(headers));
    }

    @POST
    @Path("auth/password")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change one's own password, giving the current one; every session of the user ends")
    public Response changePassword(PasswordChange body, @Context HttpHeaders headers) {
        access.changeOwnPassword(Actors.of(headers), body == null ? null : body.current(), body == null ? null : body.password());
        return Response.noContent().build();
    }

    @POST
    @Path("users/{username}/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "An API token for a user (administrators); shown only in this answer")
    public AccessService.NewToken token(@PathParam("username") String username, TokenRequest body, @Context HttpHeaders headers) {
        return access.issueToken(username, body == null ? null : body.name(), Actors.of(headers));
    }
}
