package org.kioskops.hub.command;

/** A device online has commands to run: transports without a broker queue (CoAP's observe) tell it now. */
public record CommandsPending(String deviceId) {
}
