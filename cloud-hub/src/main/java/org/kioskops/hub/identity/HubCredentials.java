package org.kioskops.hub.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.kioskops.hub.config.MqttConfig;

/** The hub's own broker account: configured, or made up at start for the embedded broker. */
@ApplicationScoped
public class HubCredentials {
    private final String username;
    private final String password;
    private final String passwordHash;

    @Inject
    public HubCredentials(MqttConfig config) {
        this.username = config.username();
        this.password = config.password()
                .orElse(config.url().isEmpty() ? SecretHasher.newSecret() : null);
        // hashed once: a new salt at every rewrite of the broker's files would look like a new password
        this.passwordHash = password == null ? null : SecretHasher.hash(password);
    }

    /** The password's hash for the broker's account file, or empty. */
    public Optional<String> passwordHash() {
        return Optional.ofNullable(passwordHash);
    }

    public String username() {
        return username;
    }

    /** The password, or empty to connect without credentials (an external broker that asks for none). */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }
}
