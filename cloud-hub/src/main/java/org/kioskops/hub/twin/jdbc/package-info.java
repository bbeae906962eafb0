/** Devices' configuration reports onto {@code device_twin}, in the ingest batch's transaction. */
package org.kioskops.hub.twin.jdbc;
