-- Free tags on devices ("lobby", "bank-terminal", "pilot"), for choosing campaign targets.
create table device_tag (
    device_id varchar(64) not null references device (id),
    tag varchar(64) not null,
    primary key (device_id, tag)
);

create index device_tag_tag on device_tag (tag);
