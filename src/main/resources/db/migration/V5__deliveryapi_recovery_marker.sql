-- Set when a manual resend or recover re-queues an exhausted delivery; the operational-event watcher turns a later
-- success of such a delivery into "message.attempt.recovered" and clears the mark. The partial index keeps that
-- watcher's poll free however large the table grows.
alter table delivery add column was_exhausted boolean not null default false;
create index delivery_recovering on delivery (id) where was_exhausted;
