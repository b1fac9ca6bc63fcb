-- Portal tokens handed to a tenant's customers. The token itself is signed and never stored; this row is what makes
-- it revocable (revoked_at) and lets an application's tokens be listed and revoked together.
create table portal_token (
    id          text primary key,
    tenant_id   text        not null references tenant (id) on delete cascade,
    app_id      text        not null references application (id) on delete cascade,
    created_by  text        not null,
    created_at  timestamptz not null,
    expires_at  timestamptz not null,
    revoked_at  timestamptz
);
create index portal_token_app on portal_token (app_id, id desc);
create index portal_token_expires on portal_token (expires_at);

-- Support searches messages by eventId across the tenants it serves.
create index message_tenant_event on message (tenant_id, event_id) where event_id is not null;
