package dev.herald.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Claims due deliveries in one statement: pending rows whose time has come and sending rows whose lease expired
 * (their instance died). Fair across endpoints: it walks the endpoints with pending work, takes from each no more
 * than its free in-flight slots (the cap minus its live leases, counted across instances; expired leases taken back
 * count against the same slots; a cap of one for an endpoint on trial after a pause, see {@link EndpointBackoff}),
 * then picks round-robin (every endpoint's first before anyone's second). Rows
 * another instance is claiming are skipped, and the re-check after locking stops two instances from leasing one row.
 * Claims are serialized across instances by {@link ClaimLock}, taken before the statement starts, so
 * the next claimer's snapshot sees the previous claim: two instances claiming at the same moment cannot both fill
 * the same endpoint's free slots. The chosen ids are handed on as arrays, so locking and updating them are primary-key
 * lookups whatever the planner thinks of the table's size.
 * <p>
 * Each read of the queue has one index its shape allows, whatever the statistics say (they lag the queue by up to a
 * minute): an endpoint's rows are read in order from the endpoint's own index and compared with the time afterwards,
 * and only the reads of the whole queue's head name the column the time-ordered indexes require (V14).
 */
@ApplicationScoped
class ClaimDueDeliveries {

    // The endpoints with pending rows, in order: a loose index scan of delivery_pending_endpoint, one probe each.
    private static final String WAITING = """

                (select endpoint_id from delivery where state = 'pending' order by endpoint_id limit 1)
                union all
                select (select d.endpoint_id from delivery d
                         where d.state = 'pending' and d.endpoint_id > w.endpoint_id
                         order by d.endpoint_id limit 1)
                  from waiting w where w.endpoint_id is not null
            """;

    static final String CLAIM = """
            with recursive busy as (
                select endpoint_id, count(*) as n from delivery
                 where state = 'sending' and lease_token is not null and lease_until > ?
                 group by endpoint_id
            ), expired as (
                select id, endpoint_id, lease_until as due,
                       row_number() over (partition by endpoint_id order by lease_until) as turn
                  from (select id, endpoint_id, lease_until from delivery
                         where state = 'sending' and lease_token is not null
                         order by lease_until limit ?) oldest
                 where lease_until <= ?
            ), waiting as (%s), candidates as (
                select x.id, x.turn, x.due
                  from expired x
                  left join busy b on b.endpoint_id = x.endpoint_id
                 where x.turn <= ? - coalesce(b.n, 0)
                union all
                select c.id, c.turn + coalesce(xn.n, 0), c.due
                  from waiting w
                  join endpoint e on e.id = w.endpoint_id and not e.disabled
                  left join busy b on b.endpoint_id = w.endpoint_id
                  left join (select endpoint_id, count(*) as n from expired group by endpoint_id) xn
                         on xn.endpoint_id = w.endpoint_id
                 cross join lateral (
                       select h.id, h.due, row_number() over (order by h.due) as turn
                         from (select d.id, d.next_attempt_at as due from delivery d
                                where d.endpoint_id = w.endpoint_id and d.state = 'pending'
                                order by d.next_attempt_at
                                limit greatest(case when w.endpoint_id = any (?::text[]) then 1 else ? end
                                               - coalesce(b.n, 0) - coalesce(xn.n, 0), 0)) h
                        where h.due <= ?) c
                 where w.endpoint_id <> all (?::text[])
            ), chosen as (
                select id from candidates order by turn, due limit ?
            )
            update delivery d
               set state = 'sending', lease_until = ?, lease_token = nextval('delivery_lease_token_seq'),
                   updated_at = ?
             where d.id = any (array(
                   select x.id from delivery x
                    where x.id = any (array(select id from chosen))
                      and ((x.state = 'pending' and x.next_attempt_at <= ?)
                           or (x.state = 'sending' and x.lease_until <= ?))
                      for update skip locked))
            returning d.id, d.lease_token, d.tenant_id, d.app_id, d.message_id, d.endpoint_id, d.attempts,
                      d.first_attempt_at, d.next_trigger""".formatted(WAITING);

    // The endpoints with pending rows (WAITING), kept where one of those rows is due: one probe of that endpoint's
    // queue each (the lateral limit keeps it a probe; as a semi-join, with statistics stale
    // from an emptier table, the planner scanned every due row of every endpoint).
    static final String BLOCKED = """
            with recursive waiting as (%s)
            select w.endpoint_id from waiting w
             cross join lateral (select d.next_attempt_at from delivery d
                                  where d.endpoint_id = w.endpoint_id and d.state = 'pending'
                                  order by d.next_attempt_at limit 1) head
             where w.endpoint_id is not null and head.next_attempt_at <= ?""".formatted(WAITING);

    // The first entry of each queue index: microseconds, where a claim walks every endpoint with pending rows (50
    // probes for 50 endpoints, 1–20 ms with a million retries waiting) behind the lock that ingest's leases also take.
    // Asked as "the earliest", which only those two indexes answer in order: asked as "any at or before now", the
    // planner, on statistics from an emptier table, read the whole of delivery_pending_endpoint instead.
    static final String ANYTHING_DUE = """
            select coalesce((select next_attempt_at from delivery
                              where state = 'pending' and next_attempt_at is not null
                              order by next_attempt_at limit 1) <= ?, false)
                or coalesce((select lease_until from delivery
                              where state = 'sending' and lease_token is not null
                              order by lease_until limit 1) <= ?, false)""";

    private final DataSource db;

    ClaimDueDeliveries(DataSource db) {
        this.db = db;
    }

    /**
     * What a claim took, and whether anything was due when it looked (when nothing was, it took no lock; a claim that
     * did not look counts as having found something due).
     */
    record Claim(List<ClaimedDelivery> deliveries, boolean anythingDue) {
    }

    /**
     * Endpoints with due pending deliveries. Asked right after a claim that found something due and did not fill its
     * batch, these are the ones it could not serve: full (every slot in flight) or over their rate limit.
     */
    List<String> blockedEndpoints(Instant now) throws SQLException {
        List<String> endpoints = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(BLOCKED)) {
            s.setTimestamp(1, Timestamp.from(now));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    endpoints.add(r.getString(1));
                }
            }
        }
        return endpoints;
    }

    /**
     * @param skipEndpoints endpoints not to claim for now (over their rate limit, or paused)
     * @param trialEndpoints endpoints to claim at most one delivery of, counting their live leases (their pause is over)
     * @param lookFirst whether to ask first if anything is due at all (worth it for a poll; a claimer that just filled
     *                  a batch knows more is waiting, and the question would only cost it a round trip)
     */
    Claim claim(Instant now, int limit, int endpointConcurrency, Instant leaseUntil, List<String> skipEndpoints,
            List<String> trialEndpoints, boolean lookFirst) throws SQLException {
        Timestamp at = Timestamp.from(now);
        List<ClaimedDelivery> claimed = new ArrayList<>(limit);
        try (Connection c = db.getConnection()) {
            if (lookFirst && !anythingDue(c, at)) {
                // Nothing to claim: do not take the lock ingest's leases wait for. Something due a moment from now
                // is claimed by the next poll or wake-up, as it would be after an empty claim.
                return new Claim(claimed, false);
            }
            c.setAutoCommit(false);
            try {
                ClaimLock.take(c);
                try (PreparedStatement s = c.prepareStatement(CLAIM)) {
                    s.setTimestamp(1, at);
                    s.setInt(2, limit);
                    s.setTimestamp(3, at);
                    s.setInt(4, endpointConcurrency);
                    s.setObject(5, trialEndpoints.toArray(String[]::new));
                    s.setInt(6, endpointConcurrency);
                    s.setTimestamp(7, at);
                    s.setObject(8, skipEndpoints.toArray(String[]::new));
                    s.setInt(9, limit);
                    s.setTimestamp(10, Timestamp.from(leaseUntil));
                    s.setTimestamp(11, at);
                    s.setTimestamp(12, at);
                    s.setTimestamp(13, at);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            Timestamp first = r.getTimestamp(8);
                            claimed.add(new ClaimedDelivery(r.getLong(1), r.getLong(2), r.getString(3),
                                    r.getString(4), r.getString(5), r.getString(6), r.getInt(7),
                                    first == null ? null : first.toInstant(), r.getString(9)));
                        }
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
        return new Claim(claimed, true);
    }

    private static boolean anythingDue(Connection c, Timestamp now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ANYTHING_DUE)) {
            s.setTimestamp(1, now);
            s.setTimestamp(2, now);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }
}
