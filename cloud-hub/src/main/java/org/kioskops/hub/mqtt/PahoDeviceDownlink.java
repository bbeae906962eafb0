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
        return client.publish(Topics.configTopic(config.deviceId()), codec.encode(config), true, ACK_TIMEOUT);
    }
}
