/** Devices' update reports onto {@code rollout_deployment}, in the ingest batch's transaction. */
package org.kioskops.hub.update.jdbc;
