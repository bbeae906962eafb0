package org.kioskops.agent.provision;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Zero-touch provisioning on the box. With no secret in its password file yet, it claims the device id with the
 * claim code ({@code POST /api/claims}), keeps the claim's id and pickup token in the state directory (so that a
 * restart waits for the same claim instead of spending the code again), asks every poll interval whether an
 * operator approved ({@code POST /api/claims/{id}/pickup}), and writes the secret it collects to the password
 * file (mode 0600), which the uplink reads at its next connection attempt. A refusal that waiting cannot mend
 * (a code unknown, used or expired; an id taken; the claim rejected) ends it with {@link Outcome#REFUSED} and the
 * hub's reason in the log; a busy or unreachable hub, or too many refusals from this address (429), is waited out.
 */
public final class Claimer {
    private static final Logger LOG = LoggerFactory.getLogger(Claimer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a claim ended. */
    public enum Outcome {
        /** The password file holds a secret: claimed now, or there already. */
        PROVISIONED,
        /** The hub refused for good; an operator must act (a new code, or new credentials). */
        REFUSED,
        /** Stopped before either, by an interrupt. */
        STOPPED
    }

    private final String deviceId;
    private final String claimCode;
    private final URI hub;
    private final Duration poll;
    private final Path passwordFile;
    private final Path claimFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /**
     * @param stateDir where the pending claim is kept ({@code claim.json}, mode 0600)
     */
    public Claimer(String deviceId, String claimCode, URI hub, Duration poll, Path passwordFile, Path stateDir) {
        this.deviceId = deviceId;
        this.claimCode = claimCode;
        this.hub = hub;
        this.poll = poll;
        this.passwordFile = passwordFile;
        this.claimFile = stateDir.resolve("claim.json");
    }

    /** Whether the password file already holds a secret, so that there is nothing to claim. */
    public boolean provisioned() {
        try {
            return Files.exists(passwordFile) && !Files.readString(passwordFile, StandardCharsets.UTF_8).isBlank();
        } catch (IOException e) {
            return false;
        }
    }

    /** Claims and collects the secret, waiting as long as it takes; on the calling thread. */
    public Outcome run() {
        try {
            while (!provisioned()) {
                Step step = Files.exists(claimFile) ? pickup() : claim();
                if (step.outcome != null) {
                    return step.outcome;
                }
                TimeUnit.MILLISECONDS.sleep(step.pause.toMillis());
            }
            return Outcome.PROVISIONED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.STOPPED;
        }
    }

    /** What to do next: end with an outcome, or wait this long and go on. */
    private record Step(Outcome outcome, Duration pause) {
        static Step end(Outcome outcome) {
            return new Step(outcome, Duration.ZERO);
        }

        static Step again(Duration wait) {
            return new Step(null, wait);
        }
    }

    private Step claim() throws InterruptedException {
        Optional<HttpResponse<String>> answer = post("/api/claims", Map.of("code", claimCode, "deviceId", deviceId));
        if (answer.isEmpty()) {
            return Step.again(poll);
        }
        HttpResponse<String> response = answer.get();
        if (response.statusCode() == 201) {
            JsonNode ticket = read(response.body());
            try {
                writePrivate(claimFile, JSON.writeValueAsString(Map.of("claimId", ticket.path("claimId").asText(),
                        "pickupToken", ticket.path("pickupToken").asText())));
            } catch (IOException e) {
                // the code is spent; without the token the claim cannot be collected
                LOG.error("{} claimed its id (claim {}) but cannot keep the claim in {}: {}; ask an operator to reject it and give a new code",
                        deviceId, ticket.path("claimId").asText(), claimFile, e.toString());
                return Step.end(Outcome.REFUSED);
            }
            LOG.info("{} claimed its id with the claim code: claim {}, waiting for an operator to approve it", deviceId,
                    ticket.path("claimId").asText());
            return Step.again(Duration.ZERO);
        }
        return otherwise(response, "claim");
    }

    private Step pickup() throws InterruptedException {
        JsonNode pending;
        try {
            pending = read(Files.readString(claimFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.error("{} cannot read its pending claim {}: {}", deviceId, claimFile, e.toString());
            return Step.end(Outcome.REFUSED);
        }
        String claimId = pending.path("claimId").asText();
        Optional<HttpResponse<String>> answer = post("/api/claims/" + claimId + "/pickup",
                Map.of("pickupToken", pending.path("pickupToken").asText()));
        if (answer.isEmpty()) {
            return Step.again(poll);
        }
        HttpResponse<String> response = answer.get();
        if (response.statusCode() == 202) {
            LOG.debug("{} claim {} still waits for approval", deviceId, claimId);
            return Step.again(poll);
        }
        if (response.statusCode() == 200) {
            try {
                writePrivate(passwordFile, read(response.body()).path("secret").asText() + "\n");
                Files.deleteIfExists(claimFile);
            } catch (IOException e) {
                LOG.error("{} collected its secret but cannot write {}: {}; ask an operator to issue new credentials", deviceId,
                        passwordFile, e.toString());
                return Step.end(Outcome.REFUSED);
            }
            LOG.info("{} claim {} approved: secret written to {}", deviceId, claimId, passwordFile);
            return Step.end(Outcome.PROVISIONED);
        }
        Step step = otherwise(response, "pickup of claim " + claimId);
        if (step.outcome == Outcome.REFUSED) {
            try {
                Files.deleteIfExists(claimFile);
            } catch (IOException e) {
                LOG.warn("{} cannot remove its refused claim {}: {}", deviceId, claimFile, e.toString());
            }
        }
        return step;
    }

    /** A refusal: waited out when it is about time (429, 5xx), final otherwise. */
    private Step otherwise(HttpResponse<String> response, String what) {
        int status = response.statusCode();
        if (status == 429) {
            long seconds = response.headers().firstValueAsLong("Retry-After").orElse(poll.toSeconds());
            LOG.warn("{} {} turned away for {} s: {}", deviceId, what, seconds, read(response.body()).path("detail").asText());
            return Step.again(Duration.ofSeconds(Math.max(1, seconds)));
        }
        if (status >= 500) {
            LOG.warn("{} {}: the hub answered {}; trying again in {}", deviceId, what, status, poll);
            return Step.again(poll);
        }
        JsonNode problem = read(response.body());
        LOG.error("{} {} refused ({} {}): {}", deviceId, what, status, problem.path("code").asText(), problem.path("detail").asText());
        return Step.end(Outcome.REFUSED);
    }

    /** The answer; empty when the hub could not be reached (logged). */
    private Optional<HttpResponse<String>> post(String path, Map<String, String> body) throws InterruptedException {
        try {
            HttpRequest request = HttpRequest.newBuilder(hub.resolve(path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            return Optional.of(http.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            LOG.warn("{} cannot reach the hub at {} to claim its id: {}; trying again in {}", deviceId, hub, e.toString(), poll);
            return Optional.empty();
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    /** Writes a file only the agent's user can read, whole or not at all. */
    private static void writePrivate(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        try {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temp);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot create " + temp, e);
        }
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
