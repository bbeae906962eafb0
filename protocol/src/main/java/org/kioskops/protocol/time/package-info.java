/**
 * Simulated time shared by the hub and the fleet simulator: {@link ScaledClock} runs a configured number of times
 * faster than a base clock from an anchor, so that a hub started with {@code kioskops.clock.speed} and a fleet that
 * reads its anchor and speed ({@code GET /api/clock}) agree on the time and a day of fleet life passes in minutes.
 * Never used on a real box or a production hub.
 */
package org.kioskops.protocol.time;
