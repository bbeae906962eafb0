-- Who answers for what at a site: one organisation per concern, set at any level of the site tree and
-- inherited by everything below it unless a lower level sets its own. Alerts record the owner they got.
create table site_owner (
    site_id                  varchar(64)  not null references site_node (id) on delete cascade,
    concern                  varchar(16)  not null,
    organisation             varchar(200) not null,
    contacts                 varchar(1000),
    response_target_minutes  integer,
    repair_target_minutes    integer,
    updated_at               timestamp with time zone not null,
    updated_by               varchar(200) not null,
    primary key (site_id, concern)
);

alter table alert add column concern varchar(16);
alter table alert add column owner varchar(200);
create index alert_owner on alert (owner, status);
