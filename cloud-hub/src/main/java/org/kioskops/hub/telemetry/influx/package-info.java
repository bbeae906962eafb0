/**
 * InfluxDB 2 adapter of the {@code TelemetryStore} port (influxdb-client-java), with its schema: measurements
 * {@code kiosk} and {@code locker_bank}, tagged by device and site ancestry. Writes use the blocking API, one request
 * per ingest batch, because the client's batching API reports failures only as events and by default drops the oldest
 * points when its buffer fills. The only package that may use the InfluxDB client.
 */
package org.kioskops.hub.telemetry.influx;
