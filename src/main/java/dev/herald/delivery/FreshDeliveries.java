package dev.herald.delivery;

import dev.herald.db.BatchColumns;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Writes the deliveries of freshly ingested messages, inside ingest's transaction: one per matching endpoint (enabled,
 * event type in its filter, sharing a channel when it has channels).
 * <p>
 * When this instance sends and nothing due is waiting in the table, it leases them on the spot for its own senders
 * (as many as it has free slots, within each endpoint's free in-flight slots counted across instances, under the same
 * lock as the dispatcher's claim) and hands them over in memory once the commit is done. They are never claimed back
 * from the table: that saves a row version, its index entries and a claiming query per delivery, and the body is
 * already in memory. The lease is in the committed row, so a crash before or during the send loses nothing: the lease
 * expires and the claim takes the delivery like any other. Endpoints with a rate limit, and whatever does not fit,
 * are queued as {@code pending} for the dispatcher: at once, or, for an endpoint without a free slot or paused by
 * {@link EndpointBackoff}, once one of its deliveries is recorded or the poll finds it due (claiming it sooner would
 * only find it full, or paused, again).
 */
@ApplicationScoped
public class FreshDeliveries {

    /** A message just inserted; {@code channels} is a PostgreSQL array literal or null. */
    public record NewMessage(String id, String tenantId, String appId, String eventType, String channels,
            Instant createdAt, String payload) {
    }

    /** What the fan-out wrote; {@link #committed} hands the leased deliveries over, after the commit. */
    public final class Written {
        private final Map<String, int[]> perMessage;
        private final List<ClaimedDelivery> leased;
        private final Map<String, byte[]> bodies;
        private final Set<String> parked;

        private Written(Map<String, int[]> perMessage, List<ClaimedDelivery> leased, Map<String, byte[]> bodies,
                Set<String> parked) {
            this.perMessage = perMessage;
            this.leased = leased;
            this.bodies = bodies;
            this.parked = parked;
        }

        /** Deliveries written for the message. */
        public int deliveries(String messageId) {
            int[] counts = perMessage.get(messageId);
            return counts == null ? 0 : counts[0];
        }

        /**
         * Of those, how many wait in the table for the dispatcher to claim them now; not counted are those waiting for
         * a slot of their endpoint, which the dispatcher claims when one of its deliveries is recorded.
         */
        public int queued(String messageId) {
            int[] counts = perMessage.get(messageId);
            return counts == null ? 0 : counts[2];
        }

        /** The transaction committed: send what was leased. Never throws; a failure leaves the leases to expire. */
        public void committed() {
            if (!parked.isEmpty()) {
                dispatcher.parked(parked);
            }
            if (leased.isEmpty()) {
                return;
            }
            try {
                handoff.takeFresh(leased, bodies, clock.instant());
            } catch (Exception e) {
                LOG.warnf(e, "Could not hand %d fresh deliveries to the senders; they are sent when their leases"
                        + " expire", leased.size());
            }
        }

        /** The transaction rolled back: nothing was leased after all. */
        public void rolledBack() {
            if (!leased.isEmpty()) {
                handoff.recorded(leased.size());
            }
        }
    }

    private static final Logger LOG = Logger.getLogger(FreshDeliveries.class);

    // Each message's endpoints are looked up by its application, one index probe a message: "offset 0" keeps the
    // lookup inside the loop over the batch, so a plan kept per connection (PlanOnce) cannot turn it into a scan of
    // every endpoint, whatever the table held when it was made.
    private static final String MATCHES = """
            select e.tenant_id, e.app_id, v.id as message_id, e.id as endpoint_id, v.created_at, e.rate_limit
              from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[])
                   as v(id, tenant_id, app_id, event_type, channels, created_at)
             cross join lateral (
                   select e.id, e.tenant_id, e.app_id, e.rate_limit from endpoint e
                    where e.app_id = v.app_id and e.tenant_id = v.tenant_id and not e.disabled
                      and (e.filter_types is null or v.event_type = any (e.filter_types))
                      and (e.channels is null or e.channels && v.channels::text[])
                   offset 0) e""";

    static final String QUEUE = """
            insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, next_attempt_at, created_at,
                                  updated_at)
            select m.tenant_id, m.app_id, m.message_id, m.endpoint_id, 'pending', m.created_at, m.created_at,
                   m.created_at
              from (%s) m
            returning message_id, false, null, null, null, null, endpoint_id, false""".formatted(MATCHES);

    // Within each endpoint, its free slots (the cap minus the live leases of every instance, counted per endpoint on
    // delivery_leased_endpoint) go to the batch's messages in order; then this instance's free slots go to those in
    // order, leaving out the endpoints this instance has paused. The rest is queued. The count reads the endpoint's
    // own entries, newest lease first, and stops at the cap.
    // Among them are the entries of leases recorded in the last 45 s (hundreds an endpoint), which a plain index scan
    // marks dead on first sight and skips after; a bitmap scan visits the table for each of them, every time, and the
    // planner chose one (the claim lock's settings rule it out). Before that, on statistics from an emptier table, it
    // counted through delivery_leased: every lease of the last 45 s, for each endpoint of the batch. Either way
    // 10-100 ms a batch, behind the claim lock (bench scenario 4). The statement keeps one plan per connection
    // (PlanOnce): with sequential scans and the sorts an index spares ruled out, the count can only read
    // delivery_leased_endpoint, the one index that gives an endpoint's leases in order, so the plan made on an empty
    // table is the one for a full one (QueuePlansTest).
    static final String LEASE_OR_QUEUE = """
            with matched as (
                select m.*, row_number() over (partition by m.endpoint_id order by m.message_id) as turn
                  from (%s) m
            ), counted as (
                select m.*, case when m.turn = 1 then
                           (select count(*) from (select from delivery d
                                                   where d.endpoint_id = m.endpoint_id and d.state = 'sending'
                                                     and d.lease_until > ?
                                                   order by d.lease_until desc limit ?) live)
                       end as busy
                  from matched m
            ), fitting as (
                select c.tenant_id, c.app_id, c.message_id, c.endpoint_id, c.created_at, c.rate_limit is null as unlimited,
                       c.turn <= ? - max(c.busy) over (partition by c.endpoint_id) as has_slot,
                       c.endpoint_id = any (?::text[]) as paused
                  from counted c
            ), decided as materialized (
                select f.*, f.unlimited and f.has_slot and not f.paused
                            and count(*) filter (where f.unlimited and f.has_slot and not f.paused)
                                over (order by f.message_id, f.endpoint_id) <= ? as leased
                  from fitting f
            ), inserted as (
                insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, next_attempt_at, lease_until,
                                      lease_token, created_at, updated_at)
                select tenant_id, app_id, message_id, endpoint_id, case when leased then 'sending' else 'pending' end,
                       case when leased then null else created_at end, case when leased then ?::timestamptz end,
                       case when leased then nextval('delivery_lease_token_seq') end, created_at, created_at
                  from decided
                returning message_id, state = 'sending' as leased, id, lease_token, tenant_id, app_id, endpoint_id
            )
            select i.message_id, i.leased, i.id, i.lease_token, i.tenant_id, i.app_id, i.endpoint_id,
                   d.unlimited and (not d.has_slot or d.paused) as parked
              from inserted i join decided d on d.message_id = i.message_id and d.endpoint_id = i.endpoint_id"""
            .formatted(MATCHES);

    private final DeliveryConfig config;
    private final Dispatcher dispatcher;
    private final InProcessHandoff handoff;
    private final EndpointBackoff backoff;
    private final InstantSource clock;

    FreshDeliveries(DeliveryConfig config, Dispatcher dispatcher, InProcessHandoff handoff, EndpointBackoff backoff,
            InstantSource clock) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.handoff = handoff;
        this.backoff = backoff;
        this.clock = clock;
    }

    /**
     * Whether this instance leases fresh deliveries in ingest's transactions at all (it delivers, in-process), taking
     * the claim lock there: then those transactions take turns through their commits.
     */
    public boolean leasesUnderClaimLock() {
        return dispatcher.leasesFresh();
    }

    /** Writes the messages' deliveries on {@code transaction}; call {@link Written#committed} after its commit. */
    public Written write(Connection transaction, List<NewMessage> messages) throws SQLException {
        if (messages.isEmpty()) {
            return new Written(Map.of(), List.of(), Map.of(), Set.of());
        }
        int room = 0;
        if (dispatcher.takesFresh()) {
            ClaimLock.take(transaction);
            room = handoff.room(clock.instant());
        }
        Map<String, int[]> perMessage = new HashMap<>();
        Instant now = clock.instant();
        Instant leaseUntil = now.plus(config.lease());
        List<ClaimedDelivery> leased = new ArrayList<>();
        Set<String> parked = new HashSet<>();
        try (PreparedStatement s = transaction.prepareStatement(room > 0 ? LEASE_OR_QUEUE : QUEUE)) {
            int p = bindMessages(s, messages);
            if (room > 0) {
                s.setTimestamp(++p, Timestamp.from(now));
                s.setInt(++p, config.endpointConcurrency());
                s.setInt(++p, config.endpointConcurrency());
                s.setObject(++p, backoff.backingOff(now).toArray(String[]::new));
                s.setInt(++p, room);
                s.setTimestamp(++p, Timestamp.from(leaseUntil));
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    // deliveries, leased, queued for a claim now
                    int[] counts = perMessage.computeIfAbsent(r.getString(1), id -> new int[3]);
                    counts[0]++;
                    if (r.getBoolean(2)) {
                        counts[1]++;
                        leased.add(new ClaimedDelivery(r.getLong(3), r.getLong(4), r.getString(5), r.getString(6),
                                r.getString(1), r.getString(7), 0, null, "scheduled"));
                    } else if (r.getBoolean(8)) {
                        parked.add(r.getString(7));
                    } else {
                        counts[2]++;
                    }
                }
            }
        }
        if (leased.isEmpty()) {
            return new Written(perMessage, List.of(), Map.of(), parked);
        }
        handoff.leased(leased.size());
        Map<String, byte[]> bodies = new HashMap<>();
        for (NewMessage message : messages) {
            if (perMessage.containsKey(message.id())) {
                bodies.put(message.id(), message.payload().getBytes(StandardCharsets.UTF_8));
            }
        }
        return new Written(perMessage, leased, bodies, parked);
    }

    private static int bindMessages(PreparedStatement s, List<NewMessage> messages) throws SQLException {
        BatchColumns.text(s, 1, messages, NewMessage::id);
        BatchColumns.text(s, 2, messages, NewMessage::tenantId);
        BatchColumns.text(s, 3, messages, NewMessage::appId);
        BatchColumns.text(s, 4, messages, NewMessage::eventType);
        BatchColumns.text(s, 5, messages, NewMessage::channels);
        BatchColumns.text(s, 6, messages, m -> m.createdAt().toString());
        return 6;
    }
}
