/**
 * Alerts: the rules that find what is wrong with devices and sites now, their thresholds by scope, and
 * {@link AlertService}, which opens and resolves alerts with hysteresis on a timer and carries out what people do with
 * them (acknowledge, resolve, comment), audited. Maintenance windows suppress alerts; notices and escalation go out
 * through {@code org.kioskops.hub.notify}. Tables: {@code alert}, {@code alert_comment}, {@code alert_threshold},
 * {@code maintenance_window}.
 */
package org.kioskops.hub.alert;
