-- Ingest now leases fresh deliveries itself and counts the live leases of the endpoints in its batch to respect their
-- in-flight caps: leased rows are found by endpoint. (delivery_leased stays: the claim finds expired leases by time.)
create index delivery_leased_endpoint on delivery (endpoint_id, lease_until) where state = 'sending';
