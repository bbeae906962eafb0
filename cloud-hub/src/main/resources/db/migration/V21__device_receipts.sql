-- Contract 1.5: whether a device's latest birth asked for receipts of what the hub stores. Kept with the
-- state so that a restarted hub goes on sending them before the device's next birth.
alter table device_state add column receipts boolean default false not null;
