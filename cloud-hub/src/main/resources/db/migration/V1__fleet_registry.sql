-- Site hierarchy, device registry and latest state. Portable SQL: runs on H2 2.x and PostgreSQL 12+.

create table site_node (
    id          varchar(64)  not null primary key,
    kind        varchar(16)  not null,
    name        varchar(200) not null,
    parent_id   varchar(64)  references site_node (id),
    -- '/city/district-1/street-1/community-1/site-1/': subtree queries are prefix matches
    path        varchar(1000) not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null
);
create index site_node_parent on site_node (parent_id);
create index site_node_path on site_node (path);

create table device (
    id                  varchar(64) not null primary key,
    site_id             varchar(64) references site_node (id),
    registration        varchar(16) not null,
    registered_model    varchar(64),
    reported_model      varchar(64),
    agent_version       varchar(64),
    connection          varchar(16) not null,
    offline_reason      varchar(32),
    session_no          bigint,
    connection_since    timestamp with time zone,
    booted_at           timestamp with time zone,
    first_seen_at       timestamp with time zone,
    last_seen_at        timestamp with time zone,
    last_device_ts      timestamp with time zone,
    telemetry_at        timestamp with time zone,
    uptime_seconds      bigint,
    screen_state        varchar(16),
    screen_brightness   integer,
    cpu_temp_c          double precision,
    mem_used_bytes      bigint,
    mem_total_bytes     bigint,
    disk_used_bytes     bigint,
    disk_total_bytes    bigint,
    seq_epoch           varchar(64),
    seq_highest         bigint,
    seq_missing         bigint not null default 0,
    seq_missing_ranges  varchar(4000),
    seq_gaps_detected   bigint not null default 0,
    seq_recovered       bigint not null default 0,
    seq_duplicates      bigint not null default 0,
    seq_received        bigint not null default 0,
    seq_resets          bigint not null default 0,
    created_at          timestamp with time zone not null,
    updated_at          timestamp with time zone not null,
    version             bigint not null default 0
);
create index device_site on device (site_id);
create index device_registration on device (registration);

-- Latest state of every locker compartment.
create table compartment (
    device_id   varchar(64) not null references device (id) on delete cascade,
    bank        varchar(64) not null,
    no          integer not null,
    occupied    boolean not null,
    door_open   boolean not null,
    -- device time of the report this state comes from, and of the last change
    reported_at timestamp with time zone,
    changed_at  timestamp with time zone,
    primary key (device_id, bank, no)
);

-- Components announced in the latest birth: screen, locker:{bank}, health:{id}, peripheral:{id}.
create table device_component (
    device_id    varchar(64)  not null references device (id) on delete cascade,
    component_id varchar(140) not null,
    kind         varchar(64)  not null,
    model        varchar(256),
    size         integer,
    primary key (device_id, component_id)
);

create sequence device_fault_seq start with 1 increment by 50;
create table device_fault (
    id          bigint not null primary key,
    device_id   varchar(64)  not null references device (id) on delete cascade,
    component   varchar(140) not null,
    code        varchar(64)  not null,
    detail      varchar(256),
    raised_at   timestamp with time zone not null,
    cleared_at  timestamp with time zone
);
create index device_fault_device on device_fault (device_id, cleared_at);

-- Latest reading of each health measurement kind per device.
create table health_reading (
    device_id    varchar(64) not null references device (id) on delete cascade,
    kind         varchar(32) not null,
    source       varchar(64) not null,
    reading      double precision not null,
    unit         varchar(16) not null,
    measured_at  timestamp with time zone not null,
    primary key (device_id, kind)
);

create sequence device_event_seq start with 1 increment by 50;
create table device_event (
    id            bigint not null primary key,
    device_id     varchar(64) not null references device (id) on delete cascade,
    seq           bigint not null,
    occurred_at   timestamp with time zone not null,
    type          varchar(32) not null,
    bank          varchar(64),
    compartment   integer,
    session_id    varchar(64),
    health_device varchar(64),
    component     varchar(140),
    code          varchar(64),
    detail        varchar(256)
);
create index device_event_device_time on device_event (device_id, occurred_at);

-- Every accepted (device, seq): a QoS 1 redelivery is recognised and stored once.
create table ingested_message (
    device_id   varchar(64) not null,
    seq         bigint not null,
    kind        varchar(16) not null,
    received_at timestamp with time zone not null,
    primary key (device_id, seq)
);
