package org.kioskops.connectivity.mqtt;

import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Paho's six-method callback for clients that only receive: test probes and one-shot tools. */
public final class Callbacks {
    private Callbacks() {
    }

    /** Something that takes a message as it arrives. */
    @FunctionalInterface
    public interface MessageHandler {
        void arrived(String topic, MqttMessage message) throws InterruptedException;
    }

    /** Hands every message to {@code messages} and the broker's DISCONNECT (or a lost connection) to {@code disconnects}. */
    public static MqttCallback receiving(MessageHandler messages, Consumer<MqttDisconnectResponse> disconnects) {
        return new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
                messages.arrived(topic, message);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {
                disconnects.accept(response);
            }

            @Override
            public void mqttErrorOccurred(MqttException exception) {
                // a receiving client has nothing to do about it: the connection's loss follows
            }

            @Override
            public void deliveryComplete(IMqttToken token) {
                // completion is handled per publish
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // connecting is synchronous in these clients
            }

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {
                // no enhanced authentication
            }
        };
    }
}
