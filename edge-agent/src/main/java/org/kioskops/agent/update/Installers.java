package org.kioskops.agent.update;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Several installers as one, each taking the release kinds it supports; the first that switches the agent
 * also answers for the active version and its activation (the agent's own versions).
 */
public final class Installers implements Installer {
    private final List<Installer> parts;

    private Installers(List<Installer> parts) {
        this.parts = List.copyOf(parts);
    }

    /** The given installers; null ones (a kind not configured) are left out. */
    public static Installer of(Installer... parts) {
        return new Installers(Arrays.stream(parts).filter(Objects::nonNull).toList());
    }

    @Override
    public boolean supports(String releaseKind) {
        return parts.stream().anyMatch(p -> p.supports(releaseKind));
    }

    @Override
    public boolean restartsAgent(String releaseKind) {
        return part(releaseKind).restartsAgent(releaseKind);
    }

    @Override
    public void install(Path release, String releaseKind, String version) throws IOException {
        part(releaseKind).install(release, releaseKind, version);
    }

    @Override
    public void activate(String version) throws IOException {
        part("agent").activate(version);
    }

    @Override
    public Optional<String> activeVersion() {
        return parts.stream().filter(p -> p.supports("agent")).findFirst().flatMap(Installer::activeVersion);
    }

    @Override
    public Optional<String> selfCheck(String version) {
        return parts.stream().map(p -> p.selfCheck(version)).flatMap(Optional::stream).findFirst();
    }

    private Installer part(String releaseKind) {
        return parts.stream().filter(p -> p.supports(releaseKind)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no installer for " + releaseKind + " releases"));
    }
}
