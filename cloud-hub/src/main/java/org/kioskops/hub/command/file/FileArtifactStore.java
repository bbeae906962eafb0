package org.kioskops.hub.command.file;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.kioskops.hub.command.ArtifactStore;
import org.kioskops.hub.config.HubConfig;

/** Uploads as files {@code <dir>/<commandId>.bin}, written to a temporary file and renamed once complete. */
@ApplicationScoped
public class FileArtifactStore implements ArtifactStore {
    private final Path dir;

    @Inject
    public FileArtifactStore(HubConfig config) {
        this.dir = Path.of(config.uploads().dir());
    }

    @Override
    public Stored put(long commandId, InputStream content, long maxBytes) throws IOException {
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, commandId + "-", ".part");
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long total = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n = content.read(buffer); n >= 0; n = content.read(buffer)) {
                    total += n;
                    if (total > maxBytes) {
                        throw new TooLargeException("larger than " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            Files.move(temp, file(commandId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Stored(total, HexFormat.of().formatHex(sha256.digest()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public Optional<InputStream> get(long commandId) throws IOException {
        Path file = file(commandId);
        return Files.exists(file) ? Optional.of(Files.newInputStream(file)) : Optional.empty();
    }

    private Path file(long commandId) {
        return dir.resolve(commandId + ".bin");
    }
}
