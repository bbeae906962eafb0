/**
 * Kiosk telemetry as time series: the metrics derived from contract samples, the query model (a device's or a site
 * subtree's series, bucketed and aggregated) and {@link TelemetryService}, which answers the API. Storage is behind
 * the {@link TelemetryStore} port, idempotent on (device, seq, sample index); its adapters are in
 * {@code telemetry.jdbc} and {@code telemetry.influx}, chosen in {@code telemetry.wiring}. Health readings are
 * personal data and stored apart, not here.
 */
package org.kioskops.hub.telemetry;
