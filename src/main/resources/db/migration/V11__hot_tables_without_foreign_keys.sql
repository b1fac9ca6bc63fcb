-- message, delivery and attempt take thousands of rows a second. A foreign key costs every inserted row a locking
-- lookup of its parent (SELECT ... FOR KEY SHARE through SPI): profiling ingest showed those checks at a third of
-- PostgreSQL's CPU, and many writers share-locking the same application and endpoint rows turns the locks into
-- MultiXacts. The rows are written only by statements that read their parents in the same statement (ingest joins
-- the live endpoints, the recorder updates the delivery it names), so the checks guard nothing those statements do
-- not. What the keys still gave us is the cascade, kept here by statement-level triggers: deleting an application,
-- an endpoint or a message still takes everything below it. A row written concurrently with its parent's deletion
-- can outlive it; the engine cancels a delivery whose endpoint is gone, and retention removes the rest.
alter table message drop constraint message_app_id_fkey;
alter table delivery drop constraint delivery_message_id_fkey, drop constraint delivery_endpoint_id_fkey;
alter table attempt drop constraint attempt_message_id_fkey, drop constraint attempt_endpoint_id_fkey,
                    drop constraint attempt_delivery_id_fkey;

create function herald_application_deleted() returns trigger language plpgsql as $$
begin
    delete from message m using gone g where m.app_id = g.id;
    return null;
end $$;
create trigger application_deleted after delete on application referencing old table as gone
    for each statement execute function herald_application_deleted();

create function herald_message_deleted() returns trigger language plpgsql as $$
begin
    delete from attempt a using gone g where a.message_id = g.id;
    delete from delivery d using gone g where d.message_id = g.id;
    return null;
end $$;
create trigger message_deleted after delete on message referencing old table as gone
    for each statement execute function herald_message_deleted();

create function herald_endpoint_deleted() returns trigger language plpgsql as $$
begin
    delete from attempt a using gone g where a.endpoint_id = g.id;
    delete from delivery d using gone g where d.endpoint_id = g.id;
    return null;
end $$;
create trigger endpoint_deleted after delete on endpoint referencing old table as gone
    for each statement execute function herald_endpoint_deleted();
