package org.kioskops.hub.mqtt;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.kioskops.hub.twin.DeviceDownlink;
import org.kioskops.protocol.DesiredConfig;
import org.kioskops.protocol.ProtocolCodec;
import org.kioskops.protocol.Topics;

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
    public boolean publishCommand(org.kioskops.protocol.Command command, long expirySeconds) {
        org.eclipse.paho.mqttv5.common.packet.MqttProperties properties = new org.eclipse.paho.mqttv5.common.packet.MqttProperties();
        properties.setResponseTopic(Topics.topic(command.deviceId(), org.kioskops.protocol.MessageKind.COMMAND_RESULT));
        properties.setCorrelationData(Long.toString(command.commandId()).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        properties.setMessageExpiryInterval(Math.max(1, expirySeconds));
        return client.publish(Topics.commandTopic(command.deviceId()), codec.encode(command), false, properties, ACK_TIMEOUT);
    }

    @Override
    public boolean publishUpdate(org.kioskops.protocol.UpdateOrder order) {
        return client.publish(Topics.updateTopic(order.deviceId()), codec.encode(order), true, null, ACK_TIMEOUT);
    }
}
