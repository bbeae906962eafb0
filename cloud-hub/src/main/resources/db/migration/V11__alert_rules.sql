-- What the kiosk and locker rules read: how far the device's clock is from the hub's (measured at each
-- birth), since when a compartment's door has been open and since when it holds a parcel.
alter table device_state add column clock_skew_ms bigint;
alter table compartment add column door_since timestamp with time zone;
alter table compartment add column occupied_since timestamp with time zone;

-- Opening hours of a site subtree: one row per weekday with service (1 = Monday ... 7 = Sunday) and the
-- local time zone; the nearest node that has any rows defines them for its subtree.
create table service_hours (
    site_id     varchar(64) not null references site_node (id) on delete cascade,
    weekday     integer not null,
    opens       varchar(5) not null,
    closes      varchar(5) not null,
    zone        varchar(64) not null,
    primary key (site_id, weekday)
);

-- Days without service (public holidays, closures) on a site subtree.
create table service_holiday (
    site_id     varchar(64) not null references site_node (id) on delete cascade,
    holiday_date date not null,
    name        varchar(200),
    primary key (site_id, holiday_date)
);

-- Rule thresholds set on a node of the site tree (applying to its subtree) or on one device; the nearest
-- setting wins, then the built-in default.
create table alert_threshold (
    scope       varchar(80) not null,
    rule        varchar(64) not null,
    threshold_value double precision not null,
    updated_at  timestamp with time zone not null,
    updated_by  varchar(200) not null,
    primary key (scope, rule)
);

-- An alert about a site rather than a device (a concern nobody owns there).
alter table alert alter column device_id drop not null;

-- Rows from before: the best we know is the last change.
update compartment set door_since = changed_at where door_open = true;
update compartment set occupied_since = changed_at where occupied = true;

-- Device time the screen state last changed, for "dark for N minutes during service hours".
alter table device_state add column screen_since timestamp with time zone;
update device_state set screen_since = telemetry_at where screen_state is not null;
