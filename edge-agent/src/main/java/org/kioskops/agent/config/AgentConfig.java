package org.kioskops.agent.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.kioskops.protocol.Topics;

/**
 * The agent's configuration, read from a YAML file (by default {@code /etc/kioskops/agent.yaml}). Every
 * default is declared once, in the compact constructors of these records; see
 * {@code docs/agent.md} for the keys with their units.
 *
 * @param deviceId      this kiosk's id, as registered in the hub; also the MQTT topic level
 * @param hardwareModel the box's model, reported in the birth message
 * @param stateDir      where the agent keeps its outbox, sequence numbers, run state and the hub's settings
 * @param update        software updates: the pinned release key, where versions are installed, the health check
 * @param provisioning  zero-touch provisioning: claiming the secret with a claim code; none by default
 */
public record AgentConfig(
        String deviceId,
        String hardwareModel,
        Path stateDir,
        MqttSettings mqtt,
        TelemetrySettings telemetry,
        OutboxSettings outbox,
        HardwareSettings hardware,
        LocalSettings local,
        UpdateSettings update,
        ProvisioningSettings provisioning) {

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    public AgentConfig {
        hardwareModel = hardwareModel == null ? "generic" : hardwareModel;
        stateDir = stateDir == null ? Path.of("/var/lib/kioskops-agent") : stateDir;
        telemetry = telemetry == null ? TelemetrySettings.defaults() : telemetry;
        outbox = outbox == null ? OutboxSettings.defaults() : outbox;
        hardware = hardware == null ? HardwareSettings.defaults() : hardware;
        local = local == null ? LocalSettings.defaults() : local;
        update = update == null ? UpdateSettings.defaults() : update;
        provisioning = provisioning == null ? ProvisioningSettings.none() : provisioning;
    }

    /** A configuration without zero-touch provisioning. */
    public AgentConfig(String deviceId, String hardwareModel, Path stateDir, MqttSettings mqtt, TelemetrySettings telemetry,
                       OutboxSettings outbox, HardwareSettings hardware, LocalSettings local, UpdateSettings update) {
        this(deviceId, hardwareModel, stateDir, mqtt, telemetry, outbox, hardware, local, update, null);
    }

    /** A configuration with update defaults (updates refused: no release key). */
    public AgentConfig(String deviceId, String hardwareModel, Path stateDir, MqttSettings mqtt, TelemetrySettings telemetry,
                       OutboxSettings outbox, HardwareSettings hardware, LocalSettings local) {
        this(deviceId, hardwareModel, stateDir, mqtt, telemetry, outbox, hardware, local, null);
    }

    /** A configuration with the default local status endpoint. */
    public AgentConfig(String deviceId, String hardwareModel, Path stateDir, MqttSettings mqtt, TelemetrySettings telemetry,
                       OutboxSettings outbox, HardwareSettings hardware) {
        this(deviceId, hardwareModel, stateDir, mqtt, telemetry, outbox, hardware, null);
    }

    /** The MQTT client id: configured, or the device id. */
    public String clientId() {
        return mqtt.clientId() != null ? mqtt.clientId() : deviceId;
    }

    /** Every problem of this configuration; empty when it is usable. */
    public List<String> problems() {
        ConfigErrors errors = new ConfigErrors();
        if (!Topics.isValidDeviceId(deviceId)) {
            errors.add("deviceId", "must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", deviceId);
        }
        if (mqtt == null) {
            errors.add("mqtt.url", "is required", null);
        } else {
            mqtt.validate(errors, provisioning.claims());
        }
        provisioning.validate(errors, mqtt);
        telemetry.validate(errors);
        outbox.validate(errors);
        hardware.validate(errors);
        local.validate(errors);
        update.validate(errors);
        return errors.problems();
    }

    /** This configuration, if it has no problem. */
    public AgentConfig validated(String source) throws AgentConfigException {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AgentConfigException(source, problems);
        }
        return this;
    }

    /** Reads and validates a YAML configuration file. */
    public static AgentConfig load(Path file) throws AgentConfigException {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new AgentConfigException(file.toString(), List.of("file not found"));
        } catch (IOException e) {
            throw new AgentConfigException(file.toString(), List.of("cannot read: " + e.getMessage()));
        }
        return parse(yaml, file.toString());
    }

    /** Parses and validates YAML text; {@code source} names it in error messages. */
    public static AgentConfig parse(String yaml, String source) throws AgentConfigException {
        AgentConfig config;
        try {
            config = YAML.readValue(yaml, AgentConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new AgentConfigException(source, List.of(path(e) + ": unknown key; known keys here: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "))));
        } catch (JsonMappingException e) {
            throw new AgentConfigException(source, List.of(path(e) + ": " + e.getOriginalMessage().split("\n")[0]));
        } catch (JsonProcessingException e) {
            throw new AgentConfigException(source, List.of("not valid YAML: " + e.getOriginalMessage()));
        }
        if (config == null) {
            throw new AgentConfigException(source, List.of("file is empty"));
        }
        return config.validated(source);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "(top level)" : path.toString();
    }
}
