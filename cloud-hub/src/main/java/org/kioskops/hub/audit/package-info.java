/** The audit log: who did what to which device, site or credential, recorded in the transaction of the action. Its table is {@code audit_event}. */
package org.kioskops.hub.audit;
