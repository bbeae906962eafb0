package org.kioskops.hub.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * KioskOps' own settings of the hub, prefix {@code kioskops}. Every default is declared here and nowhere
 * else; {@code docs/operations.md} lists the keys with their units.
 */
@ConfigMapping(prefix = "kioskops")
public interface HubConfig {
    Mqtt mqtt();

    Broker broker();

    Ingest ingest();

    Registry registry();

    Telemetry telemetry();

    Liveness liveness();

    Alerts alerts();

    Notifications notifications();

    Uploads uploads();

    SimulatedTime clock();

    Updates updates();

    /**
     * Software releases for signed updates (docs/updates.md). Every release carries an Ed25519 signature that
     * the boxes verify against the release public key pinned in their configuration. In production the hub
     * never holds the private key: releases are signed offline and uploaded with their detached signature,
     * checked here against {@link #releasePublicKeys()}. For a demo the hub may sign itself
     * ({@link #demoSigning()}).
     */
    interface Updates {
        /** Where release files are kept. */
        @WithDefault("data/releases")
        String dir();

        /** Largest release accepted, bytes (the HTTP body limit, {@code quarkus.http.limits.max-body-size}, must allow it). */
        @WithDefault("268435456")
        long maxBytes();

        /** PEM files of the Ed25519 public keys whose signatures the hub accepts ({@code openssl pkey -pubout}). */
        Optional<List<String>> releasePublicKeys();

        /**
         * Whether the hub signs releases uploaded without a signature, with an Ed25519 key of its own made at
         * first use ({@code <dir>/demo-release-key.pem}, public key beside it). For demos only: whoever holds the
         * hub holds the key.
         */
        @WithDefault("false")
        boolean demoSigning();

        /**
         * How often running campaigns are advanced: thresholds checked, the next wave started, pending devices
         * that are online and inside their window sent their order.
         */
        @WithDefault("5s")
        Duration rolloutCheck();

        /**
         * How long a device may go without reporting on an update it has begun (notified, downloading...) before
         * its deployment counts as failed ({@code no_report}), so that a box gone dark mid-update neither holds a
         * wave forever nor goes unnoticed.
         */
        @WithDefault("24h")
        Duration deploymentTimeout();
    }

    CoapConfig coap();

    Auth auth();

    /**
     * Who may use the REST API and the dashboard (docs/security.md#users-and-roles): users with roles, logging in to
     * the dashboard or calling with an API token. Devices' own downloads and uploads carry their own proof.
     */
    interface Auth {
        /** Whether the API requires credentials; off only for tests and a hub on a closed network. */
        @WithDefault("true")
        boolean enabled();

        /** The administrator made at the first start, when there is no user yet. */
        @WithDefault("admin")
        String bootstrapUser();

        /** Its password; without one a random password is made and logged once, at WARN. */
        Optional<String> bootstrapPassword();

        /** An API token the administrator has from the first start, for scripts that set up a hub (the demo). */
        Optional<String> bootstrapToken();

        /** How long a dashboard login lasts. */
        @WithDefault("12h")
        Duration session();
    }


    /**
     * The hub's clock. At speed 1 (the default, and the only speed for production) it is wall time. A hub for
     * simulations may run faster: from its start, each real second is {@code speed} seconds on the hub's clock,
     * so a fleet simulator that follows it ({@code GET /api/clock}) lives through a day in minutes while every
     * rule (silence, alert delays, clock skew, service hours) judges by the same clock. Certificates and
     * revocation lists keep wall time, which is what the broker checks them against.
     */
    interface SimulatedTime {
        /** Simulated seconds per real second, from 1 to 100000. */
        @WithDefault("1")
        double speed();
    }

    /**
     * Files devices upload for a command ({@code screenshot}, {@code diagnostics}): to a one-time URL under
     * {@link #publicUrl()}, kept in {@link #dir()}.
     */
    interface Uploads {
        /**
         * Base URL at which devices reach this hub's HTTP API, such as {@code https://hub.example.org}; without
         * it commands carry no upload URL (screenshots then fail, diagnostics come without their bundle) and no
         * update campaign can be created (devices download releases from it).
         */
        Optional<String> publicUrl();

        /** Where uploads are kept, one file per command. */
        @WithDefault("data/uploads")
        String dir();

        /** Largest upload accepted, in bytes (under the HTTP server's body limit, {@code quarkus.http.limits.max-body-size}). */
        @WithDefault("8000000")
        long maxBytes();
    }

    /**
     * Notifications of alerts over webhooks and email (SMTP server: {@code quarkus.mailer.*}). A notification is
     * queued with the alert change that causes it and sent by a dispatcher that retries with exponential backoff:
     * {@link #retryFirst()}, doubling up to {@link #retryMax()}, at most {@link #maxAttempts()} attempts.
     */
    interface Notifications {
        /** Attempts before a notification is given up and marked failed. */
        @WithDefault("8")
        int maxAttempts();

        /** Wait before the second attempt. */
        @WithDefault("30s")
        Duration retryFirst();

        /** Longest wait between attempts. */
        @WithDefault("30m")
        Duration retryMax();

        /** Connect and response timeout of one webhook call or SMTP send. */
        @WithDefault("10s")
        Duration timeout();

        /** How often the dispatcher looks for notifications to send. */
        @WithDefault("1s")
        Duration dispatchEvery();

        /** Notifications sent per dispatch round, at most (in parallel, four at a time). */
        @WithDefault("50")
        int batch();

        /** Base URL of the dashboard; notices link to {@code <url>/alerts/<id>} when set. */
        Optional<String> dashboardUrl();
    }

    /**
     * Alerts raised from device state. A condition opens an alert once it has lasted its rule's delay, and the
     * alert resolves itself once the condition has stayed away for {@link #clearAfter()}.
     */
    interface Alerts {
        /** How long a device must stay offline before its {@code device_offline} alert opens. */
        @WithDefault("30s")
        Duration offlineAfter();

        /** How long a condition must stay away before its alert resolves itself; a return in between is a recurrence. */
        @WithDefault("60s")
        Duration clearAfter();

        /** How often the rules are evaluated. */
        @WithDefault("5s")
        Duration evaluateEvery();
    }

    /**
     * When a device counts as gone. Online and offline come from the device's status and its will; a device
     * that declared its keep-alive in its birth (contract 1.1) is also taken offline, with cause
     * {@code silent}, when nothing arrives from it for 1.5 keep-alives plus {@link #silenceMargin()}.
     */
    interface Liveness {
        /**
         * Added to 1.5 keep-alives before a device counts as silent: room for delivery and ingest delays (an
         * agent sends at least every 1.25 keep-alives, which leaves another quarter keep-alive). With the check
         * interval, a silent device is offline within 1.5 keep-alives + 5 s of its last message.
         */
        @WithDefault("4s")
        Duration silenceMargin();

        /** How often each ingest worker looks for silent devices. */
        @WithDefault("500ms")
        Duration checkInterval();
    }

    /** The hub's MQTT client. */
    interface Mqtt {
        /**
         * URL of an external broker ({@code tcp://host:1883}, {@code ssl://host:8883}). When absent, the hub
         * starts its embedded broker and connects to that.
         */
        Optional<String> url();

        /** Client id; the persistent session on the broker is keyed by it. */
        @WithDefault("kioskops-hub")
        String clientId();

        /** User name the hub authenticates with. */
        @WithDefault("kioskops-hub")
        String username();

        /**
         * The hub's broker password. With the embedded broker it may stay unset: the hub then makes up a new
         * one at every start and gives the broker only its hash.
         */
        Optional<String> password();

        /** PEM file of the CA that signed an {@code ssl://} broker's certificate, when not a public CA. */
        Optional<String> caFile();

        /**
         * Shared-subscription group for telemetry, events and the other load kinds. Unset (the default), the hub
         * subscribes to the whole device tree {@code kioskops/v1/#} itself, which one hub needs: it then also sees
         * messages on unknown topic levels and counts them as {@code topic_invalid}, and a broker that restores its
         * session after a restart restores this subscription too (Mosquitto 2.0 does not restore {@code $share}
         * ones). Set, the load kinds come through {@code $share/{group}/...}; several hubs sharing a group is not
         * supported yet, since each keeps the state of the devices it handles in memory.
         */
        Optional<String> sharedGroup();

        /** Seconds the broker keeps the hub's session, and queues its messages, while the hub is down. */
        @WithDefault("86400")
        long sessionExpirySeconds();

        /** MQTT keep-alive, seconds. */
        @WithDefault("30")
        int keepAliveSeconds();

        /**
         * Unacknowledged QoS 1 messages the broker may send the hub (the hub's Receive Maximum). Messages
         * are acknowledged only after they are stored, so this bounds what a hub crash leaves to redeliver.
         */
        @WithDefault("10000")
        int receiveMaximum();

        /** First reconnect delay, milliseconds; doubles per failed attempt up to {@link #reconnectMaxDelayMillis()}. */
        @WithDefault("500")
        long reconnectMinDelayMillis();

        /**
         * Longest reconnect delay, milliseconds. Short: the hub is one client of its own broker, and while it is away
         * every kiosk's readings wait, unconfirmed, on the boxes.
         */
        @WithDefault("5000")
        long reconnectMaxDelayMillis();
    }

    /** The embedded broker, started only when no {@code kioskops.mqtt.url} is set, and the broker's accounts. */
    interface Broker {
        Embedded embedded();

        Access access();

        /**
         * Who may connect to the broker. The hub writes Mosquitto's password and ACL files from its device
         * registry: always for the embedded broker (into {@code <home>/access}), and for an external
         * Mosquitto when {@link #dir()} is set.
         */
        interface Access {
            /** Directory for {@code passwd} and {@code acl}, for an external Mosquitto's password_file and acl_file. */
            Optional<String> dir();

            /** Run after the files change, for example {@code systemctl reload mosquitto}; Mosquitto reloads on SIGHUP. */
            Optional<String> reloadCommand();

            /**
             * Default validity of the device client certificates the hub issues. Kiosks run for years; a
             * certificate can be renewed at any time by issuing a new one, which revokes the old.
             */
            @WithDefault("P730D")
            Duration certificateValidity();

            /**
             * Mosquitto's client-certificate listener ({@code ssl://host:port}, with {@code require_certificate}
             * and {@code use_identity_as_username}). Mosquitto refuses revoked certificates at connection (from
             * {@code crl.pem}) but does not disconnect clients already connected with one; with this set, the hub
             * cuts them off by taking over their session. Not needed for the embedded broker.
             */
            Optional<String> certificateListenerUrl();

            /**
             * Validity of the CRL written for Mosquitto ({@code crl.pem}). The hub rewrites it at least every
             * quarter of this; if the hub stays down longer, Mosquitto refuses every client certificate (it does
             * not accept an expired CRL), which fails closed.
             */
            @WithDefault("P7D")
            Duration crlValidity();
        }

        /** Settings of the embedded HiveMQ CE child process. */
        interface Embedded {
            /** TCP port of its MQTT listener; 1884 so that it never collides with a system Mosquitto on 1883. 0 picks a free port. */
            @WithDefault("1884")
            int port();

            /**
             * Listen address. Loopback by default; for kiosks on a network set it together with
             * {@link #tlsPort()}, or their secrets cross the network in clear.
             */
            @WithDefault("127.0.0.1")
            String bindAddress();

            /** Directory for its configuration and persistence. */
            @WithDefault("data/broker")
            String home();

            /** Directory holding its {@code lib/}; by default {@code embedded-broker/} next to the hub's jar. */
            Optional<String> distribution();

            /** Seconds to wait for it to accept connections. */
            @WithDefault("90")
            int startTimeoutSeconds();

            /** Heap of the broker process, megabytes. */
            @WithDefault("256")
            int heapMegabytes();

            /**
             * Port of a TLS listener, in addition to the plain one. The hub creates a CA and a server
             * certificate for it under {@code <home>/tls} and serves the CA at {@code GET /api/broker/ca.pem}.
             */
            OptionalInt tlsPort();

            /** Host names and IP addresses the TLS server certificate is valid for. */
            @WithDefault("localhost,127.0.0.1")
            List<String> tlsHostnames();
        }
    }

    /** The path from broker to database. */
    interface Ingest {
        /** Worker threads; each owns the devices hashed to it, so a device's messages stay in order. */
        @WithDefault("2")
        int workers();

        /** Messages waiting per worker; a full queue blocks the MQTT client, which stops reading (backpressure). */
        @WithDefault("10000")
        int queueCapacity();

        /** Most messages stored in one transaction. */
        @WithDefault("1000")
        int maxBatch();

        /**
         * How long a device's latest state (last seen, vitals, sequence counts) may wait in memory before it
         * is written, when nothing important changed. Telemetry, events and compartment changes are always
         * written with their batch; connection changes and births at once. Writing the state of a busy
         * device at most this often halves the database's work; after a crash the sequence counts are
         * rebuilt from the stored messages. 0 writes it with every batch (always so with InfluxDB).
         */
        @WithDefault("1s")
        Duration stateFlushInterval();

        /**
         * How long a worker that found only a few messages waits for more before storing them: one commit
         * then carries more messages, which under load saves more time than it costs.
         */
        @WithDefault("5ms")
        Duration linger();

        /**
         * How long the receipts a device is owed may gather before they go out together (contract 1.5): one receipt
         * then names every number stored meanwhile, which spares the broker a message per batch. Agents wait 30 s
         * for a receipt before sending again, so a second costs nothing. An idle worker sends at once.
         */
        @WithDefault("1s")
        Duration receiptLinger();

        /** Recent rejections kept for {@code GET /api/ingest/rejections}. */
        @WithDefault("500")
        int rejectionLogSize();
    }

    /** Where time series go and how long everything is kept. */
    interface Telemetry {
        /** {@code jdbc}: the hub's database (H2 or PostgreSQL); {@code influx}: an InfluxDB 2 server. */
        @WithDefault("jdbc")
        StoreKind store();

        /** How often the 1-minute and 1-hour rollups of new samples are computed (JDBC store). */
        @WithDefault("60s")
        Duration rollupEvery();

        Retention retention();

        Influx influx();

        /** How long each kind of data is kept; older data is deleted hourly. */
        interface Retention {
            /** Raw telemetry samples. */
            @WithDefault("P7D")
            Duration raw();

            /** 1-minute rollups. */
            @WithDefault("P31D")
            Duration minute();

            /** 1-hour rollups. */
            @WithDefault("P730D")
            Duration hour();

            /** Device events. */
            @WithDefault("P365D")
            Duration events();

            /** Health-station measurements (personal data: keep no longer than needed). */
            @WithDefault("P90D")
            Duration health();
        }

        /** The InfluxDB 2 server, for {@code kioskops.telemetry.store=influx}. */
        interface Influx {
            @WithDefault("http://127.0.0.1:8086")
            String url();

            @WithDefault("kioskops")
            String org();

            @WithDefault("kioskops")
            String bucket();

            /** API token with write and read access to the bucket. */
            Optional<String> token();

            /** Time allowed for one write or query. */
            @WithDefault("10s")
            Duration timeout();
        }
    }

    /** Telemetry store adapters. */
    enum StoreKind {
        JDBC, INFLUX
    }

    /** What happens to devices the hub does not know. */
    interface Registry {
        /**
         * {@code pending}: a valid message from an unknown device registers it as pending, keeps its data
         * and waits for an operator to accept (assign a site) or reject it. {@code reject}: its messages
         * are refused and counted as {@code unknown_device}.
         */
        @WithDefault("pending")
        UnknownDevicePolicy unknownDevices();

        /** Most pending devices at once; beyond it, unknown devices are refused as {@code pending_limit}. */
        @WithDefault("1000")
        int maxPending();
    }

    /** Policy for devices not in the registry. */
    enum UnknownDevicePolicy {
        PENDING, REJECT
    }
}
