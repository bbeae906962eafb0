package org.kioskops.hub.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.kioskops.hub.access.AccessError;
import org.kioskops.hub.access.AccessPolicy;
import org.kioskops.hub.access.AccessService;
import org.kioskops.hub.access.AuthConfig;
import org.kioskops.hub.access.Caller;
import org.kioskops.hub.access.CurrentCaller;
import org.kioskops.hub.access.Role;

/**
 * Every request to {@code /api}: who is calling (an {@code Authorization: Bearer} token or the dashboard's session
 * cookie) and whether their role allows it; 401 or 403 as Problem JSON otherwise. The authenticated user name
 * replaces any {@code X-KioskOps-Actor} header, so the audit log names who really acted.
 */
public class AccessFilter {
    /** The dashboard's session cookie. */
    public static final String SESSION_COOKIE = "kioskops_session";

    @Inject
    AuthConfig config;

    @Inject
    AccessService access;

    @Inject
    CurrentCaller current;

    @ServerRequestFilter(priority = 100)
    public Optional<Response> check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!config.enabled() || !path.startsWith("/api/")) {
            return Optional.empty();
        }
        String method = request.getMethod();
        if (AccessPolicy.isPublic(method, path, request.getUriInfo().getQueryParameters().containsKey("token"))) {
            return Optional.empty();
        }
        Optional<Caller> caller = access.authenticate(token(request));
        if (caller.isEmpty()) {
            Response unauthenticated = ProblemMapper.problem(AccessError.UNAUTHENTICATED,
                    "log in to the dashboard, or send Authorization: Bearer <API token>");
            unauthenticated.getHeaders().putSingle(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"kioskops\"");
            return Optional.of(unauthenticated);
        }
        Caller c = caller.get();
        Role needed = AccessPolicy.needed(method, path);
        if (!c.has(needed)) {
            return Optional.of(ProblemMapper.problem(AccessError.FORBIDDEN, c.username() + " is " + c.role().name().toLowerCase()
                    + "; this needs " + needed.name().toLowerCase()));
        }
        Optional<Long> alert = AccessPolicy.alertActedOn(method, path);
        if (c.role() == Role.CONTRACTOR && alert.isPresent() && !access.owns(c, alert.get())) {
            return Optional.of(ProblemMapper.problem(AccessError.FORBIDDEN, "alert " + alert.get() + " is not owned by " + c.organisation()));
        }
        if (c.role() == Role.CONTRACTOR) {
            Optional<String> refused = outsideOwnSites(c, method, path, request.getUriInfo().getQueryParameters().getFirst("site"));
            if (refused.isPresent()) {
                return Optional.of(ProblemMapper.problem(AccessError.FORBIDDEN, refused.get()));
            }
        }
        current.set(c);
        request.getHeaders().putSingle(Actors.HEADER, c.username());
        return Optional.empty();
    }

    /**
     * A contractor reads devices and sites only where its organisation owns something (alerts and the site tree
     * are narrowed by their resources); why not, when it asks for something else.
     */
    private Optional<String> outsideOwnSites(Caller c, String method, String path, String siteParam) {
        if (!"GET".equals(method)) {
            return Optional.empty();
        }
        Optional<String> device = AccessPolicy.deviceRead(path);
        Optional<String> site = AccessPolicy.siteRead(path);
        boolean deviceList = path.equals("/api/devices");
        if (device.isEmpty() && site.isEmpty() && !deviceList) {
            return Optional.empty();
        }
        Set<String> owned = access.ownedSites(c.organisation());
        if (device.isPresent() && !access.deviceWithin(device.get(), owned)) {
            return Optional.of("device " + device.get() + " is not at a site " + c.organisation() + " owns");
        }
        if (site.isPresent() && !access.within(site.get(), owned)) {
            return Optional.of("site " + site.get() + " is not one " + c.organisation() + " owns");
        }
        if (deviceList && (siteParam == null || !access.within(siteParam, owned))) {
            return Optional.of("name one of the sites " + c.organisation() + " owns: ?site=" + String.join(",", owned));
        }
        return Optional.empty();
    }

    private static String token(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).strip();
        }
        Cookie session = request.getCookies().get(SESSION_COOKIE);
        return session == null ? null : session.getValue();
    }
}
