package org.kioskops.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * How a simulated fleet runs.
 *
 * @param brokerUrl         MQTT broker the kiosks connect to
 * @param telemetryInterval time between telemetry samples of each kiosk
 * @param tick              time between behaviour steps of each kiosk
 * @param activity          chance that a kiosk does something (deposit, collect, session, check-up) per tick
 * @param prefill           share of compartments already holding a parcel at start
 * @param seed              makes the fleet's behaviour reproducible
 * @param zone              local time zone of the sites (service hours, working hours)
 * @param stateDir          where kiosks keep sequence numbers across runs; null keeps them in memory
 * @param secrets           each kiosk's MQTT secret by device id; kiosks without one connect without credentials
 * @param caFile            PEM CA file to verify an {@code ssl://} broker with; null trusts the JVM's public CAs
 * @param certificates      client certificates by device id, for kiosks that authenticate with one instead of a secret
 * @param keepAliveSeconds  each kiosk's MQTT keep-alive, declared to the hub as its silence deadline
 * @param updates           how the kiosks take software updates
 */
public record FleetOptions(
        String brokerUrl,
        Duration telemetryInterval,
        Duration tick,
        double activity,
        double prefill,
        long seed,
        ZoneId zone,
        Path stateDir,
        Map<String, String> secrets,
        Path caFile,
        Map<String, ClientCertificate> certificates,
        int keepAliveSeconds,
        Updates updates) {

    /** A kiosk's client certificate and key files (PEM), used instead of a secret. */
    public record ClientCertificate(Path certificate, Path key) {
    }

    /**
     * Software updates in the simulator: the real agent downloads and verifies; installing records the version, and
     * a restart starts a new agent reporting it.
     *
     * @param releaseKeyFile the release public key the kiosks pin; null: they refuse every update
     * @param failureRate    share of installs whose new version fails its post-update check (then rolls back), 0 to 1
     * @param agentVersion   the version the kiosks run at start
     * @param healthCheck    how long a new version has to pass its check, real time
     */
    public record Updates(Path releaseKeyFile, double failureRate, String agentVersion, Duration healthCheck) {
        /** Updates refused (no release key), kiosks reporting the simulator's own version. */
        public static Updates none() {
            return new Updates(null, 0, "sim-" + SimVersion.current(), Duration.ofSeconds(5));
        }
    }

    public FleetOptions {
        updates = updates == null ? Updates.none() : updates;
        secrets = secrets == null ? Map.of() : Map.copyOf(secrets);
        certificates = certificates == null ? Map.of() : Map.copyOf(certificates);
    }

    /** Lively defaults for a demo against {@code brokerUrl}. */
    public static FleetOptions defaults(String brokerUrl) {
        return new FleetOptions(brokerUrl, Duration.ofSeconds(10), Duration.ofSeconds(5), 0.3, 0.4, 42,
                ZoneId.of("Asia/Shanghai"), null, null, null, null, 30, null);
    }

    public FleetOptions withTelemetryInterval(Duration interval) {
        return new FleetOptions(brokerUrl, interval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds, updates);
    }

    public FleetOptions withActivity(double activity) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds, updates);
    }

    public FleetOptions withTick(Duration tick) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds, updates);
    }

    public FleetOptions withSeed(long seed) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds, updates);
    }

    public FleetOptions withStateDir(Path stateDir) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds, updates);
    }

    public FleetOptions withZone(ZoneId zone) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds, updates);
    }

    public FleetOptions withSecrets(Map<String, String> secrets) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds, updates);
    }

    public FleetOptions withCaFile(Path caFile) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds, updates);
    }

    public FleetOptions withCertificates(Map<String, ClientCertificate> certificates) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates,
                keepAliveSeconds, updates);
    }

    public FleetOptions withKeepAlive(int seconds) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, seconds, updates);
    }

    public FleetOptions withUpdates(Updates updates) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates,
                keepAliveSeconds, updates);
    }
}
