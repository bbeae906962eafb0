package org.kioskops.agent.update;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.kioskops.protocol.SoftwareVersions;

/**
 * Installs agent releases side by side: {@code versions/<version>/} under the install root holds the release
 * bundle ({@code kioskops-agent.jar} and the {@code lib/} its manifest names, as {@code mvn package} builds
 * {@code kioskops-agent-update.zip}) or a self-contained agent jar, and {@code current}, a symbolic link to the active version's directory, replaced by an
 * atomic rename. The launcher ({@code /usr/bin/kioskops-agent}) starts {@code current/kioskops-agent.jar} when
 * it exists. The two newest versions besides the active one are kept, so a rollback never needs a download.
 */
public final class SideBySideInstaller implements Installer {
    public static final String JAR = "kioskops-agent.jar";
    private static final int KEPT = 3;

    private final Path root;

    public SideBySideInstaller(Path root) {
        this.root = root;
    }

    @Override
    public boolean supports(String releaseKind) {
        return "agent".equals(releaseKind);
    }

    @Override
    public void install(Path release, String releaseKind, String version) throws IOException {
        if (activeVersion().filter(version::equals).isPresent()) {
            throw new IOException("version " + version + " is the active one; it is not replaced under the running agent");
        }
        Path dir = versionDir(version);
        Path staging = dir.resolveSibling(dir.getFileName() + ".staging");
        delete(staging);
        Files.createDirectories(staging);
        try (ZipFile zip = new ZipFile(release.toFile())) {
            if (zip.getEntry(JAR) != null) {
                unpack(zip, staging);
            } else if (zip.getEntry("META-INF/MANIFEST.MF") != null) {
                Files.copy(release, staging.resolve(JAR));
            } else {
                throw new IOException("the release is neither an agent bundle (" + JAR + " inside) nor an agent jar");
            }
        } catch (ZipException e) {
            delete(staging);
            throw new IOException("the release is not a zip or jar file: " + e.getMessage(), e);
        } catch (IOException e) {
            delete(staging);
            throw e;
        }
        delete(dir);
        move(staging, dir);
        prune(version);
    }

    /** Unpacks every entry under {@code into}, refusing names that would land outside it. */
    private static void unpack(ZipFile zip, Path into) throws IOException {
        Path base = into.toAbsolutePath().normalize();
        for (Enumeration<? extends ZipEntry> e = zip.entries(); e.hasMoreElements(); ) {
            ZipEntry entry = e.nextElement();
            Path target = base.resolve(entry.getName()).normalize();
            if (!target.startsWith(base) || target.equals(base)) {
                throw new IOException("the release holds an entry outside its directory: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Override
    public void activate(String version) throws IOException {
        Path dir = versionDir(version);
        if (!Files.isRegularFile(dir.resolve(JAR))) {
            throw new IOException("version " + version + " is not installed in " + root);
        }
        Path link = root.resolve("current.tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, root.relativize(dir));
        move(link, root.resolve("current"));
    }

    @Override
    public Optional<String> activeVersion() {
        Path current = root.resolve("current");
        if (!Files.isSymbolicLink(current)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readSymbolicLink(current).getFileName().toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Versions installed here, lowest first. */
    public List<String> installed() throws IOException {
        Path versions = root.resolve("versions");
        if (!Files.isDirectory(versions)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.map(p -> p.getFileName().toString()).filter(v -> !v.endsWith(".staging")).sorted(SoftwareVersions.ORDER).toList();
        }
    }

    private Path versionDir(String version) throws IOException {
        Path dir = root.resolve("versions").resolve(version).normalize();
        if (!dir.getParent().equals(root.resolve("versions").normalize())) {
            throw new IOException("not a version: " + version);
        }
        return dir;
    }

    /** Keeps the active version, the one just installed and the newest others up to {@link #KEPT}. */
    private void prune(String installing) throws IOException {
        String active = activeVersion().orElse(null);
        List<String> others = installed().stream().filter(v -> !v.equals(installing) && !v.equals(active))
                .sorted(SoftwareVersions.ORDER.reversed()).toList();
        for (String old : others.subList(Math.min(others.size(), Math.max(0, KEPT - 2)), others.size())) {
            delete(versionDir(old));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
