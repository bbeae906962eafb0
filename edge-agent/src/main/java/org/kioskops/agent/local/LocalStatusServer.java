package org.kioskops.agent.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code GET /status} on 127.0.0.1 with the agent's {@link AgentStatus} as JSON: 200 while the
 * broker connection is up, 503 while it is not, so that a script or a load balancer's probe needs no
 * parsing. Loopback only: the box's network is the residents' network as often as not.
 */
public final class LocalStatusServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalStatusServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private LocalStatusServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving on {@code port} (0 picks a free one, for tests). */
    public static LocalStatusServer start(int port, Supplier<AgentStatus> status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-status");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/status", exchange -> answer(exchange, status));
        server.start();
        LOG.info("local status on http://127.0.0.1:{}/status", server.getAddress().getPort());
        return new LocalStatusServer(server);
    }

    private static void answer(HttpExchange exchange, Supplier<AgentStatus> status) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            AgentStatus current = status.get();
            byte[] body = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(current);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(current.connected() ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException e) {
            LOG.warn("local status failed: {}", e.toString());
        }
    }

    /** The port served. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
