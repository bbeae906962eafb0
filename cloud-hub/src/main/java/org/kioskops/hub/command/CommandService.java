package org.kioskops.hub.command;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.kioskops.hub.audit.AuditLog;
import org.kioskops.hub.config.UploadConfig;
import org.kioskops.hub.device.Connection;
import org.kioskops.hub.device.Device;
import org.kioskops.hub.device.DeviceState;
import org.kioskops.hub.device.Registration;
import org.kioskops.hub.error.HubException;
import org.kioskops.hub.twin.DeviceDownlink;
import org.kioskops.protocol.Command;
import org.kioskops.protocol.CommandName;
import org.kioskops.protocol.DeviceMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands to devices: checked and queued (audited), sent at once to a device that is online and otherwise
 * when it comes back, in the order they were given; expired when not delivered in time. The device's answers
 * (delivered, succeeded, failed, expired) are stored by ingest; this service never marks a command delivered
 * itself.
 */
@ApplicationScoped
public class CommandService {
    private static final Logger LOG = LoggerFactory.getLogger(CommandService.class);
    static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    static final Duration MAX_TTL = Duration.ofDays(7);

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    DeviceDownlink downlink;

    @Inject
    Event<CommandsPending> commandsPending;

    @Inject
    ArtifactStore artifacts;

    @Inject
    UploadConfig config;

    private final SecureRandom random = new SecureRandom();

    /** A command as the API shows it. */
    public record View(long id, String deviceId, String name, String bank, Integer compartment, String reason, String state,
                       Instant createdAt, String createdBy, Instant expiresAt, Instant sentAt, Instant deliveredAt, Instant completedAt,
                       String detail, String result, Artifact artifact) {
        static View of(DeviceCommand c) {
            return new View(c.id, c.deviceId, c.name, c.bank, c.compartment, c.reason, c.state.name().toLowerCase(Locale.ROOT), c.createdAt,
                    c.createdBy, c.expiresAt, c.sentAt, c.deliveredAt, c.completedAt, c.detail, c.result,
                    c.artifactType == null ? null : new Artifact(c.artifactType, c.artifactBytes, c.artifactSha256, c.artifactAt));
        }
    }

    /** What the device uploaded for the command; download it at {@code /api/commands/{id}/artifact}. */
    public record Artifact(String type, Long bytes, String sha256, Instant at) {
    }

    /** An upload to hand out: its media type and content. */
    public record Download(String type, InputStream content) {
    }

    /** Checks and queues a command, then sends it if its device is online. */
    public View submit(String deviceId, String name, String bank, Integer compartment, String reason, Long ttlSeconds, String actor) {
        CommandName command = Arrays.stream(CommandName.values()).filter(n -> n.wire().equals(name)).findFirst()
                .orElseThrow(() -> new HubException(CommandError.INVALID_COMMAND, "name must be one of "
                        + Arrays.stream(CommandName.values()).map(CommandName::wire).toList()));
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > 500) {
            throw new HubException(CommandError.INVALID_COMMAND, "a reason takes up to 500 characters");
        }
        if (command == CommandName.UNLOCK) {
            if (why == null) {
                throw new HubException(CommandError.INVALID_COMMAND, "unlock requires a reason: who asked, and why");
            }
            if (bank == null || compartment == null || compartment < 1 || compartment > 200) {
                throw new HubException(CommandError.INVALID_COMMAND, "unlock names a bank and a compartment (1 to 200)");
            }
        }
        Duration ttl = ttlSeconds == null ? DEFAULT_TTL : Duration.ofSeconds(ttlSeconds);
        if (ttl.compareTo(Duration.ofSeconds(10)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new HubException(CommandError.INVALID_COMMAND, "ttlSeconds is 10 to " + MAX_TTL.toSeconds());
        }
        DeviceCommand queued = QuarkusTransaction.requiringNew().call(() -> {
            Device device = Device.findById(deviceId);
            if (device == null || device.registration != Registration.REGISTERED) {
                throw new HubException(CommandError.DEVICE_NOT_FOUND, "no registered device '" + deviceId + "'");
            }
            DeviceCommand c = new DeviceCommand();
            c.deviceId = deviceId;
            c.name = command.wire();
            c.bank = command == CommandName.UNLOCK ? bank : null;
            c.compartment = command == CommandName.UNLOCK ? compartment : null;
            c.reason = why;
            c.state = CommandState.QUEUED;
            c.createdAt = clock.instant();
            c.createdBy = actor;
            c.expiresAt = c.createdAt.plus(ttl);
            if (command == CommandName.SCREENSHOT || command == CommandName.DIAGNOSTICS) {
                byte[] token = new byte[24];
                random.nextBytes(token);
                c.uploadToken = HexFormat.of().formatHex(token);
            }
            c.persist();
            audit.record(actor, "command.queued", "device:" + deviceId, "command " + c.id + ": " + c.name
                    + (c.bank == null ? "" : " " + c.bank + "/" + c.compartment) + (why == null ? "" : " (" + why + ")"));
            return c;
        });
        deliver(List.of(deviceId));
        return get(queued.id);
    }

    @Transactional
    public View get(long id) {
        DeviceCommand c = DeviceCommand.findById(id);
        if (c == null) {
            throw new HubException(CommandError.COMMAND_NOT_FOUND, "no command " + id);
        }
        return View.of(c);
    }

    @Transactional
    public List<View> ofDevice(String deviceId, String state, int limit) {
        if (Device.findById(deviceId) == null) {
            throw new HubException(CommandError.DEVICE_NOT_FOUND, "no device '" + deviceId + "'");
        }
        if (limit < 1 || limit > 1000) {
            throw new HubException(CommandError.INVALID_COMMAND, "limit must be 1 to 1000");
        }
        List<DeviceCommand> commands;
        if (state == null) {
            commands = DeviceCommand.<DeviceCommand>find("deviceId = ?1 order by id desc", deviceId).page(0, limit).list();
        } else {
            CommandState s;
            try {
                s = CommandState.valueOf(state.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new HubException(CommandError.INVALID_COMMAND, "state must be one of " + Arrays.stream(CommandState.values())
                        .map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
            }
            commands = DeviceCommand.<DeviceCommand>find("deviceId = ?1 and state = ?2 order by id desc", deviceId, s).page(0, limit).list();
        }
        return commands.stream().map(View::of).toList();
    }

    /** Withdraws a command not yet sent (its device has been offline since it was given). */
    @Transactional
    public View cancel(long id, String actor) {
        DeviceCommand c = DeviceCommand.findById(id);
        if (c == null) {
            throw new HubException(CommandError.COMMAND_NOT_FOUND, "no command " + id);
        }
        if (c.state != CommandState.QUEUED || c.sentAt != null) {
            throw new HubException(CommandError.NOT_CANCELLABLE, "command " + id + " is " + c.state.name().toLowerCase(Locale.ROOT)
                    + (c.sentAt != null ? ", sent at " + c.sentAt : ""));
        }
        c.state = CommandState.CANCELLED;
        c.completedAt = clock.instant();
        c.detail = "cancelled by " + actor;
        audit.record(actor, "command.cancelled", "device:" + c.deviceId, "command " + id + ": " + c.name);
        return View.of(c);
    }

    /**
     * Sends the queued, unexpired commands of the devices that are online, oldest first. A command sent before
     * is sent again (the device runs it once): its first sending may have gone to a connection that was dying.
     */
    public void deliver(List<String> deviceIds) {
        if (deviceIds.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        List<DeviceCommand> due = QuarkusTransaction.requiringNew().call(() -> {
            List<DeviceCommand> out = new ArrayList<>();
            for (String id : deviceIds) {
                DeviceState state = DeviceState.findById(id);
                if (state == null || state.connection != Connection.ONLINE) {
                    continue;
                }
                out.addAll(DeviceCommand.<DeviceCommand>list("deviceId = ?1 and state = ?2 and expiresAt > ?3 order by id", id,
                        CommandState.QUEUED, now));
            }
            return out;
        });
        due.stream().map(c -> c.deviceId).distinct().forEach(id -> commandsPending.fire(new CommandsPending(id)));
        List<Long> sent = new ArrayList<>();
        for (DeviceCommand c : due) {
            Command command = wire(c);
            if (downlink.publishCommand(command, Duration.between(now, c.expiresAt).toSeconds())) {
                sent.add(c.id);
            } else {
                LOG.warn("{} command {} not handed to the broker; it is sent again when the device next connects", c.deviceId, c.id);
                break;
            }
        }
        if (!sent.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> DeviceCommand.update("sentAt = ?1 where id in ?2", now, sent));
        }
    }

    /** A command as the device receives it. */
    private Command wire(DeviceCommand c) {
        String uploadUrl = c.uploadToken == null ? null : config.publicUrl()
                .map(u -> u.replaceAll("/+$", "") + "/api/commands/" + c.id + "/artifact?token=" + c.uploadToken).orElse(null);
        return new Command(DeviceMessage.VERSION, c.deviceId, c.id, CommandName.valueOf(c.name.toUpperCase(Locale.ROOT)),
                c.bank, c.compartment, c.reason, c.createdAt, c.expiresAt, uploadUrl);
    }

    /**
     * A device's queued, unexpired commands, oldest first, for a device that fetches them (CoAP); each stays
     * pending until the device answers it, and the device runs each once.
     */
    public List<Command> pending(String deviceId) {
        Instant now = clock.instant();
        return QuarkusTransaction.requiringNew().call(() -> DeviceCommand.<DeviceCommand>list(
                "deviceId = ?1 and state = ?2 and expiresAt > ?3 order by id", deviceId, CommandState.QUEUED, now)
                .stream().map(this::wire).toList());
    }

    /**
     * Keeps what a device uploads for its command. The token is the one its upload URL carries; an upload after
     * the command expired, or for a command that takes none, is refused.
     */
    public Artifact upload(long id, String token, String type, InputStream content) throws IOException {
        DeviceCommand c = QuarkusTransaction.requiringNew().call(() -> DeviceCommand.<DeviceCommand>findById(id));
        if (c == null || c.uploadToken == null || token == null
                || !MessageDigest.isEqual(c.uploadToken.getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII))) {
            throw new HubException(CommandError.UPLOAD_REFUSED, "no upload is expected for command " + id + " with this token");
        }
        if (clock.instant().isAfter(c.expiresAt)) {
            throw new HubException(CommandError.UPLOAD_REFUSED, "command " + id + " expired at " + c.expiresAt);
        }
        ArtifactStore.Stored stored;
        try {
            stored = artifacts.put(id, content, config.maxBytes());
        } catch (ArtifactStore.TooLargeException e) {
            throw new HubException(CommandError.UPLOAD_TOO_LARGE, "upload " + e.getMessage());
        }
        String mediaType = type == null || type.isBlank() || type.length() > 100 ? "application/octet-stream" : type;
        return QuarkusTransaction.requiringNew().call(() -> {
            DeviceCommand row = DeviceCommand.findById(id);
            row.artifactType = mediaType;
            row.artifactBytes = stored.bytes();
            row.artifactSha256 = stored.sha256();
            row.artifactAt = clock.instant();
            LOG.info("{} uploaded {} bytes ({}) for command {}", row.deviceId, stored.bytes(), mediaType, id);
            return new Artifact(row.artifactType, row.artifactBytes, row.artifactSha256, row.artifactAt);
        });
    }

    /** What the device uploaded for a command. */
    public Download artifact(long id) throws IOException {
        View view = get(id);
        if (view.artifact() == null) {
            throw new HubException(CommandError.COMMAND_NOT_FOUND, "command " + id + " has no upload");
        }
        return new Download(view.artifact().type(), artifacts.get(id).orElseThrow(() ->
                new HubException(CommandError.COMMAND_NOT_FOUND, "the upload of command " + id + " is gone from the store")));
    }

    /** Gives up commands not delivered before their expiry. */
    @Scheduled(every = "1s", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void expire() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Instant now = clock.instant();
                int expired = DeviceCommand.update("state = ?1, completedAt = ?2, detail = ?3 where state = ?4 and expiresAt <= ?2",
                        CommandState.EXPIRED, now, "not delivered before it expired", CommandState.QUEUED);
                if (expired > 0) {
                    LOG.info("{} commands expired undelivered", expired);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Expiring commands failed ({}); trying again", e.toString());
        }
    }
}
