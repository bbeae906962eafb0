-- The box's network in telemetry (contract 1.3): the default route's interface up or down, and the
-- Wi-Fi signal of a wireless one. One statement per column: H2 and PostgreSQL differ in multi-column syntax.
alter table telemetry_sample add column network_up double precision;
alter table telemetry_rollup_1m add column network_up_avg double precision;
alter table telemetry_rollup_1m add column network_up_min double precision;
alter table telemetry_rollup_1m add column network_up_max double precision;
alter table telemetry_rollup_1m add column network_up_last double precision;
alter table telemetry_rollup_1h add column network_up_avg double precision;
alter table telemetry_rollup_1h add column network_up_min double precision;
alter table telemetry_rollup_1h add column network_up_max double precision;
alter table telemetry_rollup_1h add column network_up_last double precision;
alter table telemetry_sample add column wifi_signal_dbm double precision;
alter table telemetry_rollup_1m add column wifi_signal_dbm_avg double precision;
alter table telemetry_rollup_1m add column wifi_signal_dbm_min double precision;
alter table telemetry_rollup_1m add column wifi_signal_dbm_max double precision;
alter table telemetry_rollup_1m add column wifi_signal_dbm_last double precision;
alter table telemetry_rollup_1h add column wifi_signal_dbm_avg double precision;
alter table telemetry_rollup_1h add column wifi_signal_dbm_min double precision;
alter table telemetry_rollup_1h add column wifi_signal_dbm_max double precision;
alter table telemetry_rollup_1h add column wifi_signal_dbm_last double precision;
