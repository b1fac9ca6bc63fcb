-- An exhausted delivery is marked in the same statement that exhausts it; the mark is cleared in the transaction
-- that queues its message.attempt.exhausted event. A crash between the two leaves the mark, and the recovery
-- watcher announces it later: the event is neither lost nor sent twice.
alter table delivery add column exhaustion_unannounced boolean not null default false;
create index delivery_exhaustion_unannounced on delivery (id) where exhaustion_unannounced;
