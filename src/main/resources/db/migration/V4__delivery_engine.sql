-- Delivery engine. A fresh lease token per claim: a completion carrying an older token is ignored.
create sequence delivery_lease_token_seq;

-- Fair claiming walks the endpoints that have pending work and takes each one's oldest due rows; this index
-- serves both the walk (loose index scan) and the per-endpoint pick.
create index delivery_pending_endpoint on delivery (endpoint_id, next_attempt_at) where state = 'pending';

-- Since when every attempt of an endpoint has failed (null while it succeeds); written only when that changes,
-- read when one of its deliveries is exhausted to decide on automatic disabling.
create table endpoint_health (
    endpoint_id   text primary key references endpoint (id) on delete cascade,
    failing_since timestamptz
);
