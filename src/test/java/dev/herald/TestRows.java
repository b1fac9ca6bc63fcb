package dev.herald;

import dev.herald.id.PrefixedId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Writes raw rows straight into the database, for tests that need history the API cannot fabricate (a message
 * from forty days ago, an attempt at a chosen time).
 */
public final class TestRows {

    private final DataSource db;

    public TestRows(DataSource db) {
        this.db = db;
    }

    public String tenant() {
        String id = PrefixedId.next("ten");
        exec("insert into tenant (id, name, created_at) values (?, 'rows', now())", id);
        return id;
    }

    public String application(String tenantId) {
        String id = PrefixedId.next("app");
        exec("insert into application (id, tenant_id, name, created_at, updated_at) values (?, ?, 'rows', now(), now())",
                id, tenantId);
        return id;
    }

    public String endpoint(String tenantId, String appId, String url) {
        String id = PrefixedId.next("ep");
        exec("""
                insert into endpoint (id, tenant_id, app_id, url, created_at, updated_at)
                values (?, ?, ?, ?, now(), now())""", id, tenantId, appId, url);
        return id;
    }

    public String message(String tenantId, String appId, Instant createdAt) {
        String id = PrefixedId.next("msg");
        exec("""
                insert into message (id, tenant_id, app_id, event_type, payload, created_at)
                values (?, ?, ?, 'test.event', '{"n":1}', ?)""", id, tenantId, appId, Timestamp.from(createdAt));
        return id;
    }

    public long delivery(String tenantId, String appId, String messageId, String endpointId, String state,
            Instant createdAt) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, attempts, next_attempt_at,
                                      created_at, updated_at)
                values (?, ?, ?, ?, ?, 0, case when ? = 'pending' then ?::timestamptz end, ?, ?) returning id""")) {
            Timestamp at = Timestamp.from(createdAt);
            bind(s, tenantId, appId, messageId, endpointId, state, state, at, at, at);
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String attempt(String tenantId, String appId, String messageId, String endpointId, long deliveryId,
            int number, String outcome, Integer statusCode, Instant at) {
        String id = PrefixedId.next("atmpt");
        exec("""
                insert into attempt (id, tenant_id, app_id, message_id, endpoint_id, delivery_id, attempt_number,
                                     trigger, attempted_at, outcome, status_code, duration_ms, error_kind)
                values (?, ?, ?, ?, ?, ?, ?, 'scheduled', ?, ?, ?, 12, ?)""",
                id, tenantId, appId, messageId, endpointId, deliveryId, number, Timestamp.from(at), outcome,
                statusCode, outcome.equals("succeeded") ? null : "http_status");
        return id;
    }

    public void idempotencyKey(String tenantId, String key, String messageId, Instant createdAt) {
        exec("""
                insert into idempotency_key (tenant_id, key, request_hash, message_id, created_at)
                values (?, ?, '\\x00', ?, ?)""", tenantId, key, messageId, Timestamp.from(createdAt));
    }

    public long count(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            var rs = s.executeQuery();
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void exec(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, args);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void bind(PreparedStatement s, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            s.setObject(i + 1, args[i]);
        }
    }
}
