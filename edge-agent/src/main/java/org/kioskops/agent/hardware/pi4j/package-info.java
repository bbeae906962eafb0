/**
 * Pi4J adapter of the {@code LockerBank} port: locker banks wired to GPIO, per compartment a door sensor and a parcel
 * sensor debounced by Pi4J and optionally a lock release output. Releases of all banks share one lock, so that two
 * solenoids never draw current at once; a bank whose pins cannot be opened is left out and logged. The only package
 * that may use Pi4J.
 */
package org.kioskops.agent.hardware.pi4j;
