/**
 * The device registry and each device's latest reported state: registration (accepting or rejecting pending devices),
 * tags, components, locker compartments, faults, health readings, the event history and availability over time.
 * Operators change the registry through {@link DeviceService} and read it through {@link DeviceQueries}; the reported state is written only by the ingest path
 * with plain JDBC and is read-only here, so that neither side overwrites the other. Tables: {@code device},
 * {@code device_state}, {@code device_component}, {@code compartment}, {@code device_fault}, {@code device_tag},
 * {@code device_event}, {@code health_reading}, {@code health_measurement}, {@code availability_change}.
 */
package org.kioskops.hub.device;
