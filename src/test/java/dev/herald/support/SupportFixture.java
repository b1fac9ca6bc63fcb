package dev.herald.support;

import dev.herald.TestRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Two tenants a support person serves and one it does not, each with an application, an endpoint and a failed
 * message. Tenant ids are fixed because {@code @TestSecurity} attributes are constants.
 */
public final class SupportFixture {

    public static final String SERVED = "ten_support_served";
    public static final String ALSO_SERVED = "ten_support_also";
    public static final String NOT_SERVED = "ten_support_other";
    /** The value of {@code @TestSecurity} for support: the two served tenants. */
    public static final String SERVED_TENANTS = SERVED + "," + ALSO_SERVED;

    public final Tenant served;
    public final Tenant alsoServed;
    public final Tenant notServed;

    /** One tenant's fresh rows. */
    public record Tenant(String id, String app, String appUid, String endpoint, String message) {
    }

    public SupportFixture(DataSource db) {
        TestRows rows = new TestRows(db);
        served = tenant(db, rows, SERVED);
        alsoServed = tenant(db, rows, ALSO_SERVED);
        notServed = tenant(db, rows, NOT_SERVED);
    }

    private static Tenant tenant(DataSource db, TestRows rows, String tenantId) {
        exec(db, "insert into tenant (id, name, created_at) values (?, ?, now()) on conflict (id) do nothing",
                tenantId, tenantId);
        String app = rows.application(tenantId);
        String uid = "uid-" + app.substring(4).toLowerCase();
        exec(db, "update application set uid = ? where id = ?", uid, app);
        String endpoint = rows.endpoint(tenantId, app, "http://127.0.0.1:9/hook");
        Instant at = Instant.now().minusSeconds(60);
        String message = rows.message(tenantId, app, at);
        exec(db, "update message set event_id = ? where id = ?", "evt-" + message, message);
        long delivery = rows.delivery(tenantId, app, message, endpoint, "exhausted", at);
        rows.attempt(tenantId, app, message, endpoint, delivery, 1, "failed", 500, at);
        return new Tenant(tenantId, app, uid, endpoint, message);
    }

    private static void exec(DataSource db, String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
