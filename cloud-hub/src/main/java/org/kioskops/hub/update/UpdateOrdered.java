package org.kioskops.hub.update;

/** A device was sent an update order (or its cancel): transports without a broker to retain it (CoAP's observe) tell it now. */
public record UpdateOrdered(String deviceId) {
}
