/** Plain JDBC helpers for the hub's hot paths (ingest, telemetry), which bypass the ORM for batching. */
package org.kioskops.hub.jdbc;
