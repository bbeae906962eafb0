/**
 * JDBC adapter of the {@code TelemetryStore} port in the hub's own database (H2 or PostgreSQL): raw samples written in
 * batches inside the ingest transaction, and 1-minute and 1-hour rollups for long ranges and site aggregates. Tables:
 * {@code telemetry_sample}, {@code telemetry_rollup_1m}, {@code telemetry_rollup_1h}. Also holds the hourly retention
 * job, which besides these purges {@code device_event} and {@code health_measurement} whichever store is configured.
 */
package org.kioskops.hub.telemetry.jdbc;
