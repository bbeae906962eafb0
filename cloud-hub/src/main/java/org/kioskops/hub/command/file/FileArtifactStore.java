package org.kioskops.hub.command.file;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.kioskops.hub.command.ArtifactStore;
import org.kioskops.hub.config.UploadConfig;
import org.kioskops.hub.storage.HashedFiles;

/** Uploads as files {@code <dir>/<commandId>.bin}, written to a temporary file and renamed once complete. */
@ApplicationScoped
public class FileArtifactStore implements ArtifactStore {
    private final Path dir;

    @Inject
    public FileArtifactStore(UploadConfig config) {
        this.dir = Path.of(config.dir());
    }

    @Override
    public Stored put(long commandId, InputStream content, long maxBytes) throws IOException {
        try {
            HashedFiles.Written written = HashedFiles.write(content, file(commandId), maxBytes);
            return new Stored(written.bytes(), written.sha256());
        } catch (HashedFiles.TooLargeException e) {
            throw new TooLargeException(e.getMessage());
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
