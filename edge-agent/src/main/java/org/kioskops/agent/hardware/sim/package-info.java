/**
 * Simulated adapters of every hardware port (vitals, screen, locker banks, health station, the kiosk's touch-screen
 * application, box control), gathered per kiosk in {@link SimulatedKiosk}. Chosen with {@code sim} in the agent's
 * configuration for development and demos, and driven by the fleet simulator; the agent reads them through the same
 * ports as real hardware.
 */
package org.kioskops.agent.hardware.sim;
