-- The same outbox as V9 for endpoint.disabled: the statement that disables an endpoint marks it, the transaction
-- that queues the event (and writes the audit entry) clears the mark, the recovery watcher announces what is left.
alter table endpoint add column disable_unannounced boolean not null default false;
create index endpoint_disable_unannounced on endpoint (id) where disable_unannounced;
