-- What a screenshot or diagnostics command uploads: the one-time token its upload URL carries, and what came.
alter table device_command add column upload_token varchar(64);
alter table device_command add column artifact_type varchar(100);
alter table device_command add column artifact_bytes bigint;
alter table device_command add column artifact_sha256 varchar(64);
alter table device_command add column artifact_at timestamp with time zone;
