package org.kioskops.hub.telemetry.influx;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP endpoint on loopback that answers like InfluxDB 2's write and query API, records every request,
 * and can be told to fail (status code, or no answer within the client's timeout).
 */
public final class FakeInflux implements AutoCloseable {
    /** A request as received. */
    public record Request(String method, String path, String query, String authorization, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger writeStatus = new AtomicInteger(204);
    private volatile String queryResponse = "";
    private volatile boolean hang;
    private final CountDownLatch release = new CountDownLatch(1);

    public FakeInflux() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> writes() {
        return requests.stream().filter(r -> r.path().equals("/api/v2/write")).toList();
    }

    public void answerWritesWith(int status) {
        writeStatus.set(status);
    }

    public void answerQueriesWith(String annotatedCsv) {
        queryResponse = annotatedCsv;
    }

    /** Stops answering at all, as a hung server does. */
    public void hang() {
        hang = true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders().getFirst("Authorization"), body));
        if (hang) {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        if (exchange.getRequestURI().getPath().equals("/api/v2/write")) {
            int status = writeStatus.get();
            if (status == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] error = ("{\"code\":\"error\",\"message\":\"fake failure " + status + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, error.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(error);
                }
            }
        } else {
            byte[] csv = queryResponse.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/csv; charset=utf-8");
            exchange.sendResponseHeaders(200, csv.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(csv);
            }
        }
        exchange.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
    }
}
