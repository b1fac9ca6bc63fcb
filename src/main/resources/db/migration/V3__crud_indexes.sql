-- Tenant-facing CRUD: pages of event types are read newest first per tenant.
create index event_type_tenant on event_type (tenant_id, id);

-- An endpoint has at most one current secret (the one without expiry); rotation expires the old one first.
create unique index endpoint_secret_current on endpoint_secret (endpoint_id) where expires_at is null;
