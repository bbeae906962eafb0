package org.kioskops.sim;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;

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
        java.util.Map<String, String> secrets,
        Path caFile,
        java.util.Map<String, ClientCertificate> certificates,
        int keepAliveSeconds) {

    /** A kiosk's client certificate and key files (PEM), used instead of a secret. */
    public record ClientCertificate(Path certificate, Path key) {
    }

    public FleetOptions {
        secrets = secrets == null ? java.util.Map.of() : java.util.Map.copyOf(secrets);
        certificates = certificates == null ? java.util.Map.of() : java.util.Map.copyOf(certificates);
    }

    /** Lively defaults for a demo against {@code brokerUrl}. */
    public static FleetOptions defaults(String brokerUrl) {
        return new FleetOptions(brokerUrl, Duration.ofSeconds(10), Duration.ofSeconds(5), 0.3, 0.4, 42,
                ZoneId.of("Asia/Shanghai"), null, null, null, null, 30);
    }

    public FleetOptions withTelemetryInterval(Duration interval) {
        return new FleetOptions(brokerUrl, interval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds);
    }

    public FleetOptions withActivity(double activity) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds);
    }

    public FleetOptions withTick(Duration tick) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds);
    }

    public FleetOptions withSeed(long seed) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds);
    }

    public FleetOptions withStateDir(Path stateDir) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds);
    }

    public FleetOptions withZone(ZoneId zone) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds);
    }

    public FleetOptions withSecrets(java.util.Map<String, String> secrets) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds);
    }

    public FleetOptions withCaFile(Path caFile) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, keepAliveSeconds);
    }

    public FleetOptions withCertificates(java.util.Map<String, ClientCertificate> certificates) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates,
                keepAliveSeconds);
    }

    public FleetOptions withKeepAlive(int seconds) {
        return new FleetOptions(brokerUrl, telemetryInterval, tick, activity, prefill, seed, zone, stateDir, secrets, caFile, certificates, seconds);
    }
}
