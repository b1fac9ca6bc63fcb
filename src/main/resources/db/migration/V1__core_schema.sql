-- Herald core schema. Every tenant-owned row carries tenant_id so that every query can be scoped by it first.

create table tenant (
    id          text primary key,
    name        text        not null,
    created_at  timestamptz not null
);

create table api_key (
    id           text primary key,
    tenant_id    text        not null references tenant (id) on delete cascade,
    name         text        not null,
    -- SHA-256 of the token: tokens carry 256 random bits, so a fast hash is enough and lookups stay O(1).
    token_hash   bytea       not null unique,
    token_prefix text        not null,
    created_at   timestamptz not null,
    revoked_at   timestamptz
);
create index api_key_tenant on api_key (tenant_id, id);

create table event_type (
    id          text primary key,
    tenant_id   text        not null references tenant (id) on delete cascade,
    name        text        not null,
    description text        not null default '',
    schema      jsonb,
    example     jsonb,
    archived    boolean     not null default false,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (tenant_id, name)
);

create table application (
    id          text primary key,
    tenant_id   text        not null references tenant (id) on delete cascade,
    uid         text,
    name        text        not null,
    metadata    jsonb       not null default '{}',
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    unique (tenant_id, uid)
);
create index application_tenant on application (tenant_id, id);

create table endpoint (
    id              text primary key,
    tenant_id       text        not null references tenant (id) on delete cascade,
    app_id          text        not null references application (id) on delete cascade,
    url             text        not null,
    description     text        not null default '',
    -- null means "every event type" / "every channel"
    filter_types    text[],
    channels        text[],
    disabled        boolean     not null default false,
    disabled_reason text,
    disabled_at     timestamptz,
    rate_limit      integer,
    headers         jsonb       not null default '{}',
    metadata        jsonb       not null default '{}',
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index endpoint_app on endpoint (app_id, id);

-- Signing secrets, encrypted at rest. The current secret has expires_at null; after a rotation the previous one
-- keeps signing until expires_at.
create table endpoint_secret (
    id          text primary key,
    tenant_id   text        not null,
    endpoint_id text        not null references endpoint (id) on delete cascade,
    ciphertext  bytea       not null,
    created_at  timestamptz not null,
    expires_at  timestamptz
);
create index endpoint_secret_endpoint on endpoint_secret (endpoint_id);

create table message (
    id          text primary key,
    tenant_id   text        not null,
    app_id      text        not null references application (id) on delete cascade,
    event_type  text        not null,
    event_id    text,
    channels    text[],
    -- The exact bytes every delivery sends as its body.
    payload     text        not null,
    created_at  timestamptz not null,
    unique (app_id, event_id)
);
create index message_app on message (app_id, id desc);

create table idempotency_key (
    tenant_id    text        not null,
    key          text        not null,
    request_hash bytea       not null,
    message_id   text        not null,
    created_at   timestamptz not null,
    primary key (tenant_id, key)
);
create index idempotency_key_created on idempotency_key (created_at);

-- One row per message x endpoint. Ids come from a sequence (not IDENTITY) so that inserts batch.
create sequence delivery_id_seq cache 100;
create table delivery (
    id               bigint primary key default nextval('delivery_id_seq'),
    tenant_id        text        not null,
    app_id           text        not null,
    message_id       text        not null references message (id) on delete cascade,
    endpoint_id      text        not null references endpoint (id) on delete cascade,
    -- pending (waiting for next_attempt_at), sending (leased by a worker), succeeded, exhausted, cancelled
    state            text        not null,
    attempts         integer     not null default 0,
    next_attempt_at  timestamptz,
    first_attempt_at timestamptz,
    last_attempt_at  timestamptz,
    lease_until      timestamptz,
    lease_token      bigint,
    last_status_code integer,
    last_error       text,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    unique (message_id, endpoint_id)
);
create index delivery_due on delivery (next_attempt_at) where state = 'pending';
create index delivery_leased on delivery (lease_until) where state = 'sending';
create index delivery_endpoint on delivery (endpoint_id, created_at desc);
