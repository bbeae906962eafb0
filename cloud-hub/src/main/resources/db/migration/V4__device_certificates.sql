-- Client certificates as a device credential, the alternative to a secret. A device has one credential at
-- a time: issuing either kind replaces the other. Portable SQL: H2 2.x and PostgreSQL 12+.
alter table device_credential add column kind varchar(16) default 'SECRET' not null;
alter table device_credential alter column secret_hash drop not null;
alter table device_credential add column certificate_serial varchar(64);
alter table device_credential add column certificate_not_after timestamp with time zone;

-- Certificates that were revoked or replaced before they expired: the CRL the hub writes for Mosquitto.
-- A row may go once its certificate has expired, since an expired certificate is refused anyway.
create table revoked_certificate (
    serial      varchar(64)  not null primary key,
    device_id   varchar(64)  not null,
    revoked_at  timestamp with time zone not null,
    not_after   timestamp with time zone not null
);
create index revoked_certificate_not_after on revoked_certificate (not_after);
