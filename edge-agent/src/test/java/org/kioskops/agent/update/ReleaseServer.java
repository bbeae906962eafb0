package org.kioskops.agent.update;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves release files over HTTP on 127.0.0.1 with range requests, as the hub's release endpoint does; it
 * can cut the first download of a file halfway, as a cellular link does. Records the ranges asked.
 */
final class ReleaseServer implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    final List<String> ranges = new CopyOnWriteArrayList<>();
    private final AtomicInteger cutsLeft = new AtomicInteger();

    ReleaseServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
    }

    String put(String name, byte[] content) {
        files.put("/" + name, content);
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** The next {@code n} downloads stop halfway through. */
    void cutNext(int n) {
        cutsLeft.set(n);
    }

    private void serve(HttpExchange exchange) throws IOException {
        byte[] file = files.get(exchange.getRequestURI().getPath());
        if (file == null) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        String range = exchange.getRequestHeaders().getFirst("Range");
        ranges.add(range == null ? "none" : range);
        int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
        if (range != null) {
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (file.length - 1) + "/" + file.length);
        }
        exchange.sendResponseHeaders(range == null ? 200 : 206, file.length - from);
        OutputStream body = exchange.getResponseBody();
        if (cutsLeft.getAndDecrement() > 0) {
            body.write(file, from, (file.length - from) / 2);
            body.flush();
            // the link goes: the connection closes with the rest of the file unsent
            exchange.close();
            return;
        }
        body.write(file, from, file.length - from);
        body.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
