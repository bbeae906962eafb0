package org.kioskops.connectivity.mqtt;

import java.io.IOException;
import java.util.Objects;
import java.util.function.IntSupplier;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;

/**
 * How an {@link MqttSession} connects. Defaults that keep data: a persistent session (clean start off) that the
 * broker keeps for {@link Builder#sessionExpirySeconds} (1 day unless set), Paho's automatic reconnect off.
 * Secrets and TLS material are read again at each attempt, so that an installer can renew them in place.
 */
public final class MqttSessionSettings {
    private final Builder b;

    private MqttSessionSettings(Builder b) {
        this.b = b;
    }

    /** Settings for a client {@code clientId} of the broker at {@code url} ({@code tcp://} or {@code ssl://}). */
    public static Builder builder(String url, String clientId) {
        return new Builder(url, clientId);
    }

    /** Reads a secret (a password file, a key); called before each connection attempt. */
    @FunctionalInterface
    public interface Source<T> {
        T read() throws IOException;
    }

    String url() {
        return b.url;
    }

    String clientId() {
        return b.clientId;
    }

    /** Whose connection, first in log lines: a device id, or {@code hub}. */
    String owner() {
        return b.owner;
    }

    boolean manualAcks() {
        return b.manualAcks;
    }

    boolean subscriptionsRequired() {
        return b.subscriptionsRequired;
    }

    int connectTimeoutSeconds() {
        return b.connectTimeoutSeconds;
    }

    String refusalHint() {
        return b.refusalHint;
    }

    /** The options of the next attempt, secrets and TLS material read now. */
    MqttConnectionOptions options() throws IOException {
        MqttConnectionOptions options = new MqttConnectionOptions();
        options.setCleanStart(false);
        options.setSessionExpiryInterval(b.sessionExpirySeconds);
        options.setKeepAliveInterval(b.keepAliveSeconds.getAsInt());
        options.setConnectionTimeout(b.connectTimeoutSeconds);
        options.setAutomaticReconnect(false);
        if (b.receiveMaximum != null) {
            options.setReceiveMaximum(b.receiveMaximum);
        }
        if (b.username != null) {
            options.setUserName(b.username);
        }
        byte[] password = b.password == null ? null : b.password.read();
        if (password != null) {
            options.setPassword(password);
        }
        SocketFactory sockets = b.sockets == null ? null : b.sockets.read();
        if (sockets != null) {
            options.setSocketFactory(sockets);
            // verify the broker's name against its certificate, which Paho leaves off
            options.setHttpsHostnameVerificationEnabled(sockets instanceof SSLSocketFactory);
        }
        return options;
    }

    /** Builds {@link MqttSessionSettings}; every setting but the URL and client id has a default. */
    public static final class Builder {
        private final String url;
        private final String clientId;
        private String owner;
        private long sessionExpirySeconds = 86_400;
        private IntSupplier keepAliveSeconds = () -> 60;
        private int connectTimeoutSeconds = 10;
        private Integer receiveMaximum;
        private String username;
        private Source<byte[]> password;
        private Source<SocketFactory> sockets;
        private boolean manualAcks;
        private boolean subscriptionsRequired;
        private String refusalHint = "Check the user name and password";

        private Builder(String url, String clientId) {
            this.url = Objects.requireNonNull(url, "url");
            this.clientId = Objects.requireNonNull(clientId, "clientId");
            this.owner = clientId;
        }

        /** Whose connection, first in log lines (default: the client id). */
        public Builder owner(String owner) {
            this.owner = owner;
            return this;
        }

        /** How long the broker keeps the session (and queues QoS 1 messages for it) while the client is away, in seconds. */
        public Builder sessionExpirySeconds(long seconds) {
            this.sessionExpirySeconds = seconds;
            return this;
        }

        /** The keep-alive of the next attempt, in seconds, read at each attempt (default 60). */
        public Builder keepAliveSeconds(IntSupplier seconds) {
            this.keepAliveSeconds = seconds;
            return this;
        }

        /** How long an attempt may take, in seconds (default 10). */
        public Builder connectTimeoutSeconds(int seconds) {
            this.connectTimeoutSeconds = seconds;
            return this;
        }

        /** How many QoS 1 messages the broker may have unacknowledged towards this client (default: MQTT's 65,535). */
        public Builder receiveMaximum(int messages) {
            this.receiveMaximum = messages;
            return this;
        }

        /** Logs in as {@code username}; {@code password} is read at each attempt and may give null for none. */
        public Builder credentials(String username, Source<byte[]> password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /**
         * The sockets to connect with, read at each attempt: an {@link SSLSocketFactory} for {@code ssl://} (the
         * broker's name is then verified), or a plain factory (the simulator cuts a kiosk's network through one).
         */
        public Builder sockets(Source<SocketFactory> sockets) {
            this.sockets = sockets;
            return this;
        }

        /** The owner acknowledges each message once it is safe ({@link MqttSession#acknowledge}); default off. */
        public Builder manualAcks(boolean manualAcks) {
            this.manualAcks = manualAcks;
            return this;
        }

        /** A refused subscription makes the connection a failed one, retried; by default it is logged and passed. */
        public Builder subscriptionsRequired(boolean required) {
            this.subscriptionsRequired = required;
            return this;
        }

        /** What an operator should check when the broker refuses the client's identity, naming the owner's settings. */
        public Builder refusalHint(String hint) {
            this.refusalHint = hint;
            return this;
        }

        public MqttSessionSettings build() {
            return new MqttSessionSettings(this);
        }
    }
}
