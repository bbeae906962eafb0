/**
 * Alerts: the rules that find what is wrong with devices and sites now, their thresholds by scope,
 * {@link AlertRounds}, which opens and resolves alerts with hysteresis on a timer ({@link AlertEvaluator} decides),
 * and {@link AlertService}, which carries out what people do with them (acknowledge, resolve, assign, comment),
 * audited. Alerts are kept in an {@link AlertStore}. Maintenance windows suppress alerts; notices and escalation go out
 * through {@code org.kioskops.hub.notify}. Tables: {@code alert}, {@code alert_comment}, {@code alert_threshold},
 * {@code maintenance_window}.
 */
package org.kioskops.hub.alert;
