/**
 * The fleet simulator's core: {@link SimulatedFleet} runs many kiosks in one process, each the real {@code KioskAgent}
 * on simulated hardware, following a day's usage on the sites of a generated city ({@link FleetPlan}). Also the
 * simulator's side of the hub's REST API (registering a fleet, reading what the hub shows), the ledger that sequence
 * checks compare the hub's tables with, per-kiosk network cuts for fault injection, and the {@code run} command.
 */
package org.kioskops.sim;
