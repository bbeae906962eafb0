package org.kioskops.sim.traffic;

/** Publishes recorded messages to a broker, each as the device that sent it when the hub gave its secret. */
public interface TrafficSender extends AutoCloseable {
    /**
     * Publishes one message and returns once the broker acknowledged it.
     *
     * @param deviceId the replayed device, or {@code null} for a message of no device
     * @throws Exception when the broker did not take it; the replay counts it as failed and goes on
     */
    void publish(String deviceId, String topic, byte[] payload, int qos, boolean retain, TrafficRecord.Properties properties)
            throws Exception;

    @Override
    void close();
}
