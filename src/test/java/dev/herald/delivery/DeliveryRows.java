package dev.herald.delivery;

import dev.herald.id.PrefixedId;
import dev.herald.signing.SecretBox;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Test data for the delivery engine, written straight into the tables the ingest and endpoint APIs fill:
 * a tenant and application, endpoints with sealed secrets, messages and their delivery rows. Injected into a test,
 * each test method gets its own tenant and application.
 */
@Dependent
final class DeliveryRows {

    record Attempt(int number, String outcome, Integer statusCode, String errorKind, String errorDetail,
            int durationMs, String trigger, String requestHeaders, Instant attemptedAt) {
    }

    private final DataSource db;
    private final SecretBox box;
    private final DeliveryWakeup wakeup;
    final String tenantId = PrefixedId.next("ten");
    final String appId = PrefixedId.next("app");

    @Inject
    DeliveryRows(DataSource db, SecretBox box, DeliveryWakeup wakeup) {
        this.db = db;
        this.box = box;
        this.wakeup = wakeup;
        Instant now = Instant.now();
        update("insert into tenant (id, name, created_at) values (?, 'delivery test', ?)", tenantId, ts(now));
        update("insert into application (id, tenant_id, name, created_at, updated_at) values (?, ?, 'app', ?, ?)",
                appId, tenantId, ts(now), ts(now));
    }

    static String newKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return "whsec_" + Base64.getEncoder().encodeToString(raw);
    }

    String endpoint(String url) {
        return endpoint(url, "{}", null);
    }

    /** An endpoint with one current secret; returns its id. */
    String endpoint(String url, String headersJson, Integer rateLimit) {
        String id = PrefixedId.next("ep");
        Instant now = Instant.now();
        update("""
                insert into endpoint (id, tenant_id, app_id, url, headers, rate_limit, created_at, updated_at)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?)""", id, tenantId, appId, url, headersJson, rateLimit, ts(now),
                ts(now));
        secret(id, newKey(), null);
        return id;
    }

    void secret(String endpointId, String key, Instant expiresAt) {
        String id = PrefixedId.next("whsec");
        update("""
                insert into endpoint_secret (id, tenant_id, endpoint_id, ciphertext, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?)""", id, tenantId, endpointId, box.seal(key, id), ts(Instant.now()),
                expiresAt == null ? null : ts(expiresAt));
    }

    /** A message and one due delivery of it to the endpoint; returns the message id. */
    /** A message with a pending delivery to the endpoint, and the dispatcher told at once, as ingest does. */
    String send(String endpointId, String payload) {
        String messageId = message(endpointId, payload);
        wakeup.wake();
        return messageId;
    }

    void awaitState(String messageId, String state, java.time.Duration patience) {
        org.awaitility.Awaitility.await().atMost(patience).until(() -> state.equals(delivery(messageId).get("state")));
    }

    /** A stored message without deliveries, as ingest hands it to {@link FreshDeliveries} to write them. */
    FreshDeliveries.NewMessage freshMessage(String payload) {
        String id = PrefixedId.next("msg");
        Instant now = Instant.now();
        update("""
                insert into message (id, tenant_id, app_id, event_type, payload, created_at)
                values (?, ?, ?, 'invoice.paid', ?, ?)""", id, tenantId, appId, payload, ts(now));
        return new FreshDeliveries.NewMessage(id, tenantId, appId, "invoice.paid", null, now, payload);
    }

    String message(String endpointId, String payload) {
        String messageId = PrefixedId.next("msg");
        Instant now = Instant.now();
        update("""
                insert into message (id, tenant_id, app_id, event_type, payload, created_at)
                values (?, ?, ?, 'invoice.paid', ?, ?)""", messageId, tenantId, appId, payload, ts(now));
        update("""
                insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, next_attempt_at, created_at,
                                      updated_at)
                values (?, ?, ?, ?, 'pending', ?, ?, ?)""", tenantId, appId, messageId, endpointId, ts(now), ts(now),
                ts(now));
        return messageId;
    }

    /** Many due messages to one endpoint in two statements. */
    void backlog(String endpointId, int count) {
        Instant now = Instant.now();
        update("""
                insert into message (id, tenant_id, app_id, event_type, payload, created_at)
                select ? || n, ?, ?, 'invoice.paid', '{"n":' || n || '}', ? from generate_series(1, ?) n""",
                "msg_backlog_" + endpointId + "_", tenantId, appId, ts(now), count);
        update("""
                insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, next_attempt_at, created_at,
                                      updated_at)
                select ?, ?, ? || n, ?, 'pending', ?, ?, ? from generate_series(1, ?) n""",
                tenantId, appId, "msg_backlog_" + endpointId + "_", endpointId, ts(now), ts(now), ts(now), count);
    }

    long deliveryId(String messageId) {
        return ((Number) row("select id from delivery where message_id = ?", messageId).get("id")).longValue();
    }

    long count(String sql, Object... params) {
        return ((Number) row(sql, params).get("count")).longValue();
    }

    Map<String, Object> delivery(String messageId) {
        return row("select * from delivery where message_id = ?", messageId);
    }

    Map<String, Object> endpointRow(String endpointId) {
        return row("select * from endpoint where id = ?", endpointId);
    }

    List<Attempt> attempts(String messageId) {
        List<Attempt> attempts = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement("""
                select attempt_number, outcome, status_code, error_kind, error_detail, duration_ms, trigger,
                       request_headers::text, attempted_at
                  from attempt where message_id = ? order by attempt_number""")) {
            s.setString(1, messageId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    attempts.add(new Attempt(r.getInt(1), r.getString(2), (Integer) r.getObject(3), r.getString(4),
                            r.getString(5), r.getInt(6), r.getString(7), r.getString(8), r.getTimestamp(9).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return attempts;
    }

    int update(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    Map<String, Object> row(String sql, Object... params) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                Map<String, Object> row = new HashMap<>();
                if (r.next()) {
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        row.put(r.getMetaData().getColumnName(i), r.getObject(i));
                    }
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
