/** Audit entries written with plain JDBC by callers that hold a connection of their own (the ingest batch). */
package org.kioskops.hub.audit.jdbc;
