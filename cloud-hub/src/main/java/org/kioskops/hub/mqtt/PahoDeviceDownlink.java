package org.kioskops.hub.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.kioskops.hub.twin.DeviceDownlink;
import org.kioskops.protocol.Command;
import org.kioskops.protocol.DesiredConfig;
import org.kioskops.protocol.MessageKind;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.Topics;
import org.kioskops.protocol.UpdateOrder;

/** Hub-to-device messages over the hub's MQTT connection. */
@ApplicationScoped
public class PahoDeviceDownlink implements DeviceDownlink {
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    private final ProtocolCodec codec = new ProtocolCodec();

    @Inject
    PahoIngestClient client;

    @Override
    public boolean publishConfig(DesiredConfig config) {
        return client.publish(Topics.configTopic(config.deviceId()), codec.encode(config), true, null, ACK_TIMEOUT);
    }

    @Override
    public boolean publishCommand(Command command, long expirySeconds) {
        MqttProperties properties = new MqttProperties();
        properties.setResponseTopic(Topics.topic(command.deviceId(), MessageKind.COMMAND_RESULT));
        properties.setCorrelationData(Long.toString(command.commandId()).getBytes(StandardCharsets.US_ASCII));
        properties.setMessageExpiryInterval(Math.max(1, expirySeconds));
        return client.publish(Topics.commandTopic(command.deviceId()), codec.encode(command), false, properties, ACK_TIMEOUT);
    }

    @Override
    public boolean publishUpdate(UpdateOrder order) {
        return client.publish(Topics.updateTopic(order.deviceId()), codec.encode(order), true, null, ACK_TIMEOUT);
    }
}
