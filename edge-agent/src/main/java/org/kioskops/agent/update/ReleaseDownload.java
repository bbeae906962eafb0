package org.kioskops.agent.update;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.LongConsumer;

/**
 * Downloads a release into a partial file that survives restarts and lost connections: each attempt asks
 * only for the bytes still missing ({@code Range}), so a cellular box that loses its link at 90 % does not
 * start again from zero. Never writes more than the announced size.
 */
final class ReleaseDownload {
    private static final int PROGRESS_STEP = 1 << 20;

    private final HttpClient http;

    ReleaseDownload(HttpClient http) {
        this.http = http;
    }

    static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(15)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Completes {@code part} to {@code size} bytes from {@code url}; {@code progress} hears the bytes held at each
     * megabyte. Throws when the connection fails before the end: calling again resumes.
     */
    void complete(URI url, Path part, long size, LongConsumer progress) throws IOException, InterruptedException {
        long held = Files.exists(part) ? Files.size(part) : 0;
        if (held > size) {
            Files.delete(part);
            held = 0;
        }
        if (held == size) {
            return;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60)).GET();
        if (held > 0) {
            request.header("Range", "bytes=" + held + "-");
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            boolean append;
            if (response.statusCode() == 206) {
                String range = response.headers().firstValue("Content-Range").orElse("");
                if (!range.startsWith("bytes " + held + "-")) {
                    throw new IOException("the server sent range '" + range + "' when bytes from " + held + " were asked");
                }
                append = true;
            } else if (response.statusCode() == 200) {
                append = false;
                held = 0;
            } else if (response.statusCode() == 416) {
                // the file on the server is shorter than what we hold: not the announced file; start over next time
                Files.deleteIfExists(part);
                throw new IOException("the server refused the range from byte " + held + " (HTTP 416)");
            } else {
                throw new IOException("HTTP " + response.statusCode() + " from " + url);
            }
            progress.accept(held);
            try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buffer = new byte[64 * 1024];
                long nextReport = held + PROGRESS_STEP;
                for (int n; (n = body.read(buffer)) > 0; ) {
                    if (held + n > size) {
                        throw new IOException("the server sent more than the announced " + size + " bytes");
                    }
                    out.write(buffer, 0, n);
                    held += n;
                    if (held >= nextReport) {
                        progress.accept(held);
                        nextReport = held + PROGRESS_STEP;
                    }
                }
            }
        }
        if (held < size) {
            throw new IOException("the connection ended after " + held + " of " + size + " bytes");
        }
        progress.accept(held);
    }
}
