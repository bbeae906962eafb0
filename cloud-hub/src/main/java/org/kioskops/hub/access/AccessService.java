package org.kioskops.hub.access;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.kioskops.hub.alert.Alert;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.identity.SecretHasher;
import org.kioskops.hub.owner.SiteOwner;
import org.kioskops.hub.site.SiteNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Users, their passwords and tokens, and who a token belongs to. Passwords are kept as slow PBKDF2 hashes,
 * tokens as SHA-256 (they are random); a token is shown once, when it is made. Logins, failed logins, users and
 * tokens are audited. Verified tokens are remembered for a short while, so that the dashboard's many reads do not
 * each query the database.
 */
@ApplicationScoped
public class AccessService {
    private static final Logger LOG = LoggerFactory.getLogger(AccessService.class);
    /** OWASP's figure for PBKDF2-HMAC-SHA512 in 2023. */
    private static final int PASSWORD_ITERATIONS = 210_000;
    private static final Duration REMEMBERED = Duration.ofSeconds(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    AuthConfig config;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    private record Known(Caller caller, Instant until) {
    }

    private final Map<String, Known> known = new ConcurrentHashMap<>();

    /** A user as the API shows it. */
    public record UserView(String username, Role role, String organisation, Instant createdAt, String createdBy, boolean disabled) {
        static UserView of(AppUser u) {
            return new UserView(u.username, u.role, u.organisation, u.createdAt, u.createdBy, u.disabled);
        }
    }

    /** A token just made: its value is shown this once. */
    public record NewToken(String token, String name, Instant expiresAt) {
    }

    @Transactional
    void bootstrap(@Observes StartupEvent event) {
        AuthConfig auth = config;
        if (!auth.enabled()) {
            return;
        }
        if (AppUser.count() == 0) {
            String password = auth.bootstrapPassword().orElseGet(() -> randomToken(12));
            persistUser(auth.bootstrapUser(), password, Role.ADMIN, null, "hub");
            if (auth.bootstrapPassword().isEmpty()) {
                LOG.warn("First start: administrator '{}' made with password {} (shown once; change it with PUT /api/users/{})",
                        auth.bootstrapUser(), password, auth.bootstrapUser());
            } else {
                LOG.info("First start: administrator '{}' made with the configured password", auth.bootstrapUser());
            }
        }
        auth.bootstrapToken().ifPresent(token -> {
            if (ApiToken.count("tokenHash", SecretHasher.sha256(token)) == 0 && AppUser.findById(auth.bootstrapUser()) != null) {
                persistToken(auth.bootstrapUser(), token, "api", "bootstrap token (kioskops.auth.bootstrap-token)", null);
            }
        });
    }

    /** The caller a token belongs to; empty for an unknown, expired or revoked token or a disabled user. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = SecretHasher.sha256(token);
        Instant now = clock.instant();
        Known cached = known.get(hash);
        if (cached != null && cached.until().isAfter(now)) {
            return Optional.of(cached.caller());
        }
        Optional<Caller> caller = QuarkusTransaction.requiringNew().call(() -> lookUp(hash, now));
        caller.ifPresentOrElse(c -> known.put(hash, new Known(c, now.plus(REMEMBERED))), () -> known.remove(hash));
        return caller;
    }

    private static Optional<Caller> lookUp(String hash, Instant now) {
        ApiToken t = ApiToken.find("tokenHash", hash).firstResult();
        if (t == null || (t.expiresAt != null && !t.expiresAt.isAfter(now))) {
            return Optional.empty();
        }
        AppUser u = AppUser.findById(t.username);
        if (u == null || u.disabled) {
            return Optional.empty();
        }
        t.lastUsedAt = now;
        return Optional.of(new Caller(u.username, u.role, u.organisation));
    }

    /** Checks a password and opens a dashboard session; the token goes into a cookie. */
    @Transactional
    public NewToken login(String username, String password) {
        AppUser u = username == null ? null : AppUser.findById(username);
        if (u == null || u.disabled || password == null || !SecretHasher.matches(password, u.passwordHash)) {
            // in a transaction of its own: the refusal rolls this one back, the record of the attempt must stay
            QuarkusTransaction.requiringNew().run(() -> audit.record(username == null ? "anonymous" : username,
                    "auth.login_failed", "user:" + username, "wrong user or password"));
            throw new HubException(AccessError.LOGIN_FAILED, "unknown user or wrong password");
        }
        Instant expires = clock.instant().plus(config.session());
        String token = randomToken(32);
        persistToken(u.username, token, "session", "dashboard login", expires);
        audit.record(u.username, "auth.login", "user:" + u.username, "session until " + expires);
        return new NewToken(token, "dashboard login", expires);
    }

    /** Ends a session (or revokes a token) by its value. */
    @Transactional
    public void logout(String token) {
        if (token != null) {
            String hash = SecretHasher.sha256(token);
            ApiToken.delete("tokenHash", hash);
            known.remove(hash);
        }
    }

    /** An API token for an integration, for {@code username}; it does not expire until revoked. */
    @Transactional
    public NewToken issueToken(String username, String name, String actor) {
        if (AppUser.findById(username) == null) {
            throw new HubException(AccessError.INVALID_USER, "no user " + username);
        }
        String label = name == null || name.isBlank() ? "api token" : name.strip();
        String token = "kio_" + randomToken(32);
        persistToken(username, token, "api", label.length() <= 200 ? label : label.substring(0, 200), null);
        audit.record(actor, "auth.token", "user:" + username, label);
        return new NewToken(token, label, null);
    }

    @Transactional
    public UserView createUser(String username, String password, Role role, String organisation, String actor) {
        if (username == null || !username.matches("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}")) {
            throw new HubException(AccessError.INVALID_USER, "a user name is 1-100 letters, digits, '.', '_', '@' or '-'");
        }
        if (AppUser.findById(username) != null) {
            throw new HubException(AccessError.USER_EXISTS, "user " + username + " exists");
        }
        if (role == null) {
            throw new HubException(AccessError.INVALID_USER, "role is viewer, contractor, operator or admin");
        }
        if (role == Role.CONTRACTOR && (organisation == null || organisation.isBlank())) {
            throw new HubException(AccessError.INVALID_USER, "a contractor belongs to the organisation whose alerts it handles");
        }
        AppUser u = persistUser(username, password, role, organisation, actor);
        audit.record(actor, "user.create", "user:" + username, role.name().toLowerCase() + (organisation == null ? "" : " of " + organisation));
        return UserView.of(u);
    }

    /**
     * Changes a user: a new password, role, organisation, or disabled (its sessions and tokens stop working within
     * the 30 s verified tokens are remembered). Null leaves a field as it is.
     */
    @Transactional
    public UserView update(String username, String password, Role role, String organisation, Boolean disabled, String actor) {
        AppUser u = AppUser.findById(username);
        if (u == null) {
            throw new HubException(AccessError.INVALID_USER, "no user " + username);
        }
        if (password != null) {
            if (password.length() < 10) {
                throw new HubException(AccessError.INVALID_USER, "a password has at least 10 characters");
            }
            u.passwordHash = SecretHasher.hash(password, PASSWORD_ITERATIONS);
        }
        if (role != null) {
            u.role = role;
        }
        if (organisation != null) {
            u.organisation = organisation.isBlank() ? null : organisation.strip();
        }
        if (u.role == Role.CONTRACTOR && u.organisation == null) {
            throw new HubException(AccessError.INVALID_USER, "a contractor belongs to the organisation whose alerts it handles");
        }
        if (disabled != null) {
            u.disabled = disabled;
        }
        if (password != null || Boolean.TRUE.equals(disabled)) {
            // a changed password or a disabled user ends every open session
            ApiToken.delete("username = ?1 and kind = ?2", username, "session");
        }
        known.clear();
        audit.record(actor, "user.update", "user:" + username, (password != null ? "password changed; " : "")
                + u.role.name().toLowerCase() + (u.organisation == null ? "" : " of " + u.organisation) + (u.disabled ? "; disabled" : ""));
        return UserView.of(u);
    }

    /** A user changes its own password, giving the current one. */
    @Transactional
    public void changeOwnPassword(String username, String current, String next) {
        AppUser u = AppUser.findById(username);
        if (u == null || current == null || !SecretHasher.matches(current, u.passwordHash)) {
            throw new HubException(AccessError.LOGIN_FAILED, "the current password is wrong");
        }
        update(username, next, null, null, null, username);
    }

    @Transactional
    public List<UserView> users() {
        return AppUser.<AppUser>list("order by username").stream().map(UserView::of).toList();
    }

    /** Whether a contractor's organisation owns the alert (the owner recorded when it opened). */
    @Transactional
    public boolean owns(Caller caller, long alertId) {
        Alert a = Alert.findById(alertId);
        return a != null && caller.organisation() != null && caller.organisation().equals(a.owner);
    }

    /** The site nodes an organisation owns something at (any concern): a contractor's part of the fleet is below them. */
    @Transactional
    public Set<String> ownedSites(String organisation) {
        return SiteOwner.<SiteOwner>list("organisation", organisation).stream()
                .map(o -> o.key.siteId).collect(Collectors.toSet());
    }

    /** Whether a site node lies in (or is) one of {@code owned}. */
    @Transactional
    public boolean within(String siteId, Set<String> owned) {
        SiteNode node = siteId == null ? null : SiteNode.findById(siteId);
        return node != null && SiteNode.ancestry(node.path).stream().anyMatch(owned::contains);
    }

    /** Whether a device stands in one of {@code owned}. */
    @Transactional
    public boolean deviceWithin(String deviceId, Set<String> owned) {
        Device d = Device.findById(deviceId);
        return d != null && within(d.siteId, owned);
    }

    private AppUser persistUser(String username, String password, Role role, String organisation, String actor) {
        if (password == null || password.length() < 10) {
            throw new HubException(AccessError.INVALID_USER, "a password has at least 10 characters");
        }
        AppUser u = new AppUser();
        u.username = username;
        u.passwordHash = SecretHasher.hash(password, PASSWORD_ITERATIONS);
        u.role = role;
        u.organisation = organisation == null || organisation.isBlank() ? null : organisation.strip();
        u.createdAt = clock.instant();
        u.createdBy = actor;
        u.persist();
        return u;
    }

    private void persistToken(String username, String token, String kind, String name, Instant expires) {
        ApiToken t = new ApiToken();
        t.username = username;
        t.tokenHash = SecretHasher.sha256(token);
        t.kind = kind;
        t.name = name;
        t.createdAt = clock.instant();
        t.expiresAt = expires;
        t.persist();
    }

    private static String randomToken(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
