package org.kioskops.agent.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.kioskops.agent.hardware.local.LocalHealthIntake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's HTTP endpoint on 127.0.0.1, for people and programs on the box itself:
 * {@code GET /status} answers the agent's {@link AgentStatus} as JSON, 200 while the broker connection is
 * up and 503 while it is not, so that a script's probe needs no parsing; {@code POST /health/checks} takes
 * a finished check from the kiosk's health application, when the box has one ({@link LocalHealthIntake}).
 * Loopback only: the box's network is the residents' network as often as not, and health readings are
 * personal data.
 */
public final class LocalHttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalHttpServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;

    private LocalHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Starts serving the status on {@code port} (0 picks a free one, for tests). */
    public static LocalHttpServer start(int port, Supplier<AgentStatus> status) throws IOException {
        return start(port, status, null);
    }

    /** Starts serving the status and, if {@code health} is not null, the health intake. */
    public static LocalHttpServer start(int port, Supplier<AgentStatus> status, LocalHealthIntake health) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "local-status");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/status", exchange -> answer(exchange, status));
        if (health != null) {
            server.createContext("/health/checks", exchange -> intake(exchange, health));
        }
        server.start();
        LOG.info("local endpoint on http://127.0.0.1:{}/ (status{})", server.getAddress().getPort(), health == null ? "" : ", health checks");
        return new LocalHttpServer(server);
    }

    private static void intake(HttpExchange exchange, LocalHealthIntake health) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(LocalHealthIntake.MAX_BODY_BYTES + 1);
            LocalHealthIntake.Outcome outcome = health.post(body);
            if (outcome.status() != 202) {
                LOG.warn("health check refused ({}): {}", outcome.status(), outcome.message());
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put(outcome.status() == 202 ? "status" : "error", outcome.message());
            if (outcome.status() == 202) {
                answer.put("readings", outcome.readings());
            }
            byte[] json = JSON.writeValueAsBytes(answer);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(outcome.status(), json.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(json);
            }
        } catch (RuntimeException e) {
            LOG.warn("health intake failed: {}", e.toString());
        }
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
