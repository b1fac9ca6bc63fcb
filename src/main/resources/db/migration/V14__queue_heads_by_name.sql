-- Two pairs of partial indexes serve the queue: delivery_due (by time) and delivery_pending_endpoint (by endpoint, then
-- time) over pending rows; delivery_leased and delivery_leased_endpoint over leased ones. A statement about one
-- endpoint could be answered by either of a pair, and the planner chose by statistics that lag the queue by up to a
-- minute and swing from nothing to everything (an endpoint goes down; a million retries arrive). Caught by the
-- benchmark: ingest counting an endpoint's leases through every lease of the last 45 s (10-100 ms, behind the claim
-- lock); the claim's first look, the queue-lag probe and the blocked-endpoint check reading all of
-- delivery_pending_endpoint; cancelling a disabled endpoint's deliveries by walking a million others (24 s).
-- The time-ordered indexes now also require a column those states always set. A statement can use them only by saying
-- so ("next_attempt_at is not null", or any comparison on it; "lease_token is not null"), which only the statements
-- that want the queue's head do; every statement about one endpoint leaves them no way in. (Both hold only rows waiting
-- or in flight, not the history, so rebuilding them here is quick.)
drop index delivery_due;
create index delivery_due on delivery (next_attempt_at) where state = 'pending' and next_attempt_at is not null;
drop index delivery_leased;
create index delivery_leased on delivery (lease_until) where state = 'sending' and lease_token is not null;
