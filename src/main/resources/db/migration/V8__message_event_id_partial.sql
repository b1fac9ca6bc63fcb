-- eventId deduplication only concerns messages that carry one. The full unique constraint also indexed every message
-- without an eventId (NULLs never conflict), one index write per message for nothing; the partial index keeps the
-- rule and skips them. Inserts name it with "on conflict (app_id, event_id) where event_id is not null".
create unique index message_app_event_id on message (app_id, event_id) where event_id is not null;
alter table message drop constraint message_app_id_event_id_key;
