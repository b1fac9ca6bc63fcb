-- What the next attempt of a delivery is: a scheduled retry or one a person asked for (resend, recover).
alter table delivery add column next_trigger text not null default 'scheduled';

-- One row per HTTP try. request_headers keeps exactly what was sent, for the portal and support.
create table attempt (
    id               text primary key,
    tenant_id        text        not null,
    app_id           text        not null,
    message_id       text        not null references message (id) on delete cascade,
    endpoint_id      text        not null references endpoint (id) on delete cascade,
    delivery_id      bigint      not null references delivery (id) on delete cascade,
    attempt_number   integer     not null,
    trigger          text        not null,
    attempted_at     timestamptz not null,
    -- succeeded | failed
    outcome          text        not null,
    status_code      integer,
    duration_ms      integer     not null,
    response_excerpt text,
    -- null on success; otherwise http_status | timeout | connection | tls | ssrf | dns | endpoint_disabled
    error_kind       text,
    error_detail     text,
    request_headers  jsonb
);
create index attempt_message on attempt (message_id, attempted_at desc);
create index attempt_endpoint on attempt (endpoint_id, attempted_at desc);
create index attempt_time on attempt (attempted_at);
create index message_time on message (created_at);

-- Who changed what: resend, recover, disable/enable, rotate, delete.
create table audit_log (
    id          text primary key,
    tenant_id   text,
    actor       text        not null,
    actor_role  text,
    action      text        not null,
    target_type text,
    target_id   text,
    detail      jsonb,
    request_id  text,
    created_at  timestamptz not null
);
create index audit_log_tenant on audit_log (tenant_id, id desc);
