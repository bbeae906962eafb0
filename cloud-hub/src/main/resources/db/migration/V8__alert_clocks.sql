-- The owner's targets turned into deadlines when the alert opened: acknowledge by, resolve by.
alter table alert add column respond_by timestamp with time zone;
alter table alert add column repair_by timestamp with time zone;
