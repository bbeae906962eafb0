package org.kioskops.hub.update.file;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.kioskops.hub.storage.HashedFiles;
import org.kioskops.hub.update.ReleaseStore;
import org.kioskops.hub.update.UpdateConfig;

/** Release files as {@code <dir>/<sha256>.bin}, written to a temporary file and renamed once complete. */
@ApplicationScoped
public class FileReleaseStore implements ReleaseStore {
    private final Path dir;

    @Inject
    public FileReleaseStore(UpdateConfig config) {
        this.dir = Path.of(config.dir()).toAbsolutePath();
    }

    @Override
    public Stored put(InputStream content, long maxBytes) throws IOException {
        try {
            HashedFiles.Written written = HashedFiles.write(content, dir, maxBytes, w -> file(w.sha256()));
            return new Stored(written.bytes(), written.sha256());
        } catch (HashedFiles.TooLargeException e) {
            throw new TooLargeException(e.getMessage());
        }
    }

    @Override
    public SeekableByteChannel open(String sha256) throws IOException {
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IOException("not a SHA-256: " + sha256);
        }
        return Files.newByteChannel(file(sha256));
    }

    private Path file(String sha256) {
        return dir.resolve(sha256 + ".bin");
    }
}
