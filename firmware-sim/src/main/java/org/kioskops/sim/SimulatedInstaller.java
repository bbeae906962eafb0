package org.kioskops.sim;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.kioskops.agent.update.Installer;

/**
 * A simulated kiosk's installer: the real agent has downloaded and verified the release; installing records
 * its version, and some installs, at the fleet's failure rate, yield a version that fails its post-update
 * check, so that campaigns meet failures to pause on and agents roll back.
 */
final class SimulatedInstaller implements Installer {
    private final Set<String> installed = ConcurrentHashMap.newKeySet();
    private final Set<String> broken = ConcurrentHashMap.newKeySet();
    private final double failureRate;
    private final Random random;
    private volatile String active;

    SimulatedInstaller(String initialVersion, double failureRate, Random random) {
        this.active = initialVersion;
        this.failureRate = failureRate;
        this.random = random;
        installed.add(initialVersion);
    }

    @Override
    public boolean supports(String releaseKind) {
        return "agent".equals(releaseKind);
    }

    @Override
    public void install(Path release, String releaseKind, String version) {
        installed.add(version);
        if (random.nextDouble() < failureRate) {
            broken.add(version);
        }
    }

    @Override
    public void activate(String version) {
        if (!installed.contains(version)) {
            throw new IllegalStateException("version " + version + " is not installed");
        }
        active = version;
    }

    @Override
    public Optional<String> activeVersion() {
        return Optional.of(active);
    }

    @Override
    public Optional<String> selfCheck(String version) {
        return broken.contains(version) ? Optional.of("simulated fault: the kiosk application does not start on " + version) : Optional.empty();
    }
}
