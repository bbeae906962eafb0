package org.kioskops.agent.command;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Uploads with an HTTP {@code PUT}; the URL carries its own one-time authorisation. */
public final class HttpUploader implements Uploader {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Made at the first upload: a client costs a selector thread and some hundred classes the box rarely needs. */
    private HttpClient http;

    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        }
        return http;
    }

    @Override
    public void put(String url, String contentType, byte[] content) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        HttpResponse<String> response;
        try {
            response = client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body();
            throw new IOException("the hub refused the upload: HTTP " + response.statusCode() + " "
                    + (body.length() > 200 ? body.substring(0, 200) : body));
        }
    }
}
