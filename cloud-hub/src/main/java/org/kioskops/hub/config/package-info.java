/**
 * The hub's configuration and clock: {@link HubConfig}, every {@code kioskops.*} setting with its one default
 * (docs/operations.md lists the keys), including {@link CoapConfig} for the CoAP endpoint; and the producer of the
 * hub's {@code Clock}, which runs simulated time when {@code kioskops.clock.speed} is set. {@link WallClock} marks the
 * clock that is always wall time, for what others check against theirs (certificates, CRLs).
 */
package org.kioskops.hub.config;
