/** Devices' answers to commands onto {@code device_command}, in the ingest batch's transaction. */
package org.kioskops.hub.command.jdbc;
