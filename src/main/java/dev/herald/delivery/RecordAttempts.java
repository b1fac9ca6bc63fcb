package dev.herald.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.db.BatchColumns;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Stores what happened to claimed deliveries, a whole batch per statement and only where the lease is still
 * held: a completion whose lease token is stale (the lease expired and someone else claimed the row) changes
 * nothing and records no attempt.
 */
@ApplicationScoped
class RecordAttempts {

    /** An attempt and the state it moves its delivery to. */
    record Completion(Attempted attempt, String attemptId, DeliveryState next, Instant nextAttemptAt) {
    }

    /** A claimed delivery given back without an attempt: re-queued (rate limit) or cancelled (endpoint disabled). */
    record Settlement(long deliveryId, long leaseToken, DeliveryState next, Instant nextAttemptAt, String error) {
    }

    // A lease token is set only together with state 'sending' and cleared whenever a delivery leaves it, so a matching
    // token alone proves the lease is still held. Adding "state = 'sending'" let the planner read the whole partial
    // index of leased rows (every delivery in flight, a thousand and more) and hash-join it, where the batch's rows are
    // a few dozen primary-key lookups. Planned for each batch (the connections' default): with one generic plan per
    // connection, cached while the table was small, PostgreSQL's CPU per delivery tripled on the benchmark.
    private static final String COMPLETE = """
            with input as (
                select * from unnest(?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[], ?::text[],
                                     ?::timestamptz[], ?::text[], ?::text[], ?::int[], ?::int[], ?::text[],
                                     ?::text[], ?::text[], ?::text[])
                    as v(delivery_id, lease_token, new_state, next_attempt_at, last_error, attempt_id, attempted_at,
                         trigger, outcome, status_code, duration_ms, response_excerpt, error_kind, error_detail,
                         request_headers)
            ), moved as (
                update delivery d
                   set state = v.new_state, attempts = d.attempts + 1, next_attempt_at = v.next_attempt_at,
                       first_attempt_at = coalesce(d.first_attempt_at, v.attempted_at),
                       last_attempt_at = v.attempted_at, lease_until = null, lease_token = null,
                       last_status_code = v.status_code, last_error = v.last_error, next_trigger = 'scheduled',
                       exhaustion_unannounced = (v.new_state = 'exhausted'), updated_at = v.attempted_at
                  from input v
                 where d.id = v.delivery_id and d.lease_token = v.lease_token
                returning d.id, d.tenant_id, d.app_id, d.message_id, d.endpoint_id, d.attempts
            )
            insert into attempt (id, tenant_id, app_id, message_id, endpoint_id, delivery_id, attempt_number, trigger,
                                 attempted_at, outcome, status_code, duration_ms, response_excerpt, error_kind,
                                 error_detail, request_headers)
            select v.attempt_id, m.tenant_id, m.app_id, m.message_id, m.endpoint_id, m.id, m.attempts, v.trigger,
                   v.attempted_at, v.outcome, v.status_code, v.duration_ms, v.response_excerpt, v.error_kind,
                   v.error_detail, v.request_headers::jsonb
              from moved m join input v on v.delivery_id = m.id
            returning delivery_id""";

    private static final String SETTLE = """
            update delivery d
               set state = v.new_state, next_attempt_at = v.next_attempt_at, lease_until = null, lease_token = null,
                   last_error = coalesce(v.error, d.last_error), updated_at = ?
              from unnest(?::bigint[], ?::bigint[], ?::text[], ?::timestamptz[], ?::text[])
                   as v(delivery_id, lease_token, new_state, next_attempt_at, error)
             where d.id = v.delivery_id and d.lease_token = v.lease_token""";

    private final DataSource db;
    private final ObjectMapper json;

    RecordAttempts(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Records the attempts; returns the ids of the deliveries whose lease was still held (the others are ignored). */
    Set<Long> complete(List<Completion> completions) throws SQLException {
        Set<Long> applied = new HashSet<>();
        if (completions.isEmpty()) {
            return applied;
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(COMPLETE)) {
            BatchColumns.bigint(s, 1, completions, x -> x.attempt().delivery().id());
            BatchColumns.bigint(s, 2, completions, x -> x.attempt().delivery().leaseToken());
            BatchColumns.text(s, 3, completions, x -> x.next().dbValue());
            BatchColumns.text(s, 4, completions, x -> text(x.nextAttemptAt()));
            BatchColumns.text(s, 5, completions, x -> x.attempt().outcome().errorDetail());
            BatchColumns.text(s, 6, completions, Completion::attemptId);
            BatchColumns.text(s, 7, completions, x -> text(x.attempt().attemptedAt()));
            BatchColumns.text(s, 8, completions, x -> x.attempt().delivery().trigger());
            BatchColumns.text(s, 9, completions,
                    x -> x.attempt().outcome().succeeded() ? "succeeded" : "failed");
            BatchColumns.integer(s, 10, completions, x -> x.attempt().outcome().statusCode());
            BatchColumns.integer(s, 11, completions, x -> (int) x.attempt().durationMs());
            BatchColumns.text(s, 12, completions, x -> x.attempt().responseExcerpt());
            BatchColumns.text(s, 13, completions, x -> errorKind(x.attempt()));
            BatchColumns.text(s, 14, completions, x -> x.attempt().outcome().errorDetail());
            BatchColumns.text(s, 15, completions, x -> headers(x.attempt()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    applied.add(r.getLong(1));
                }
            }
        }
        return applied;
    }

    /** Gives deliveries back without an attempt; stale leases are ignored here too. */
    void settle(List<Settlement> settlements, Instant now) throws SQLException {
        if (settlements.isEmpty()) {
            return;
        }
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(SETTLE)) {
            s.setTimestamp(1, Timestamp.from(now));
            BatchColumns.bigint(s, 2, settlements, Settlement::deliveryId);
            BatchColumns.bigint(s, 3, settlements, Settlement::leaseToken);
            BatchColumns.text(s, 4, settlements, x -> x.next().dbValue());
            BatchColumns.text(s, 5, settlements, x -> text(x.nextAttemptAt()));
            BatchColumns.text(s, 6, settlements, Settlement::error);
            s.executeUpdate();
        }
    }

    private String headers(Attempted attempt) {
        try {
            return attempt.requestHeaders() == null ? null : json.writeValueAsString(attempt.requestHeaders());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String errorKind(Attempted attempt) {
        return attempt.outcome().errorKind() == null ? null : attempt.outcome().errorKind().dbValue();
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
