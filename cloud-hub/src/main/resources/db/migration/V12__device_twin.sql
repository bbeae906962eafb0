-- Settings documents the hub sends to devices, by scope: 'fleet', 'site:<id>' or 'device:<id>'. A device's
-- desired settings are the fleet document, then each site document from its city down, then its own.
create table config_document (
    scope        varchar(80) primary key,
    version      integer not null,
    settings     varchar(20000) not null,
    updated_at   timestamp with time zone not null,
    updated_by   varchar(200) not null
);

-- Desired and reported settings of each device: drift is active_version differing from desired_version.
create table device_twin (
    device_id         varchar(64) primary key references device (id) on delete cascade,
    desired_version   varchar(64) not null,
    desired_settings  varchar(20000) not null,
    desired_at        timestamp with time zone not null,
    published_at      timestamp with time zone,
    reported_version  varchar(64),
    reported_outcome  varchar(16),
    reported_reason   varchar(500),
    active_version    varchar(64),
    reported_at       timestamp with time zone
);
