package dev.herald.retention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.TestRows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hot tables (message, delivery, attempt) carry no foreign keys; triggers keep the cascade. Deleting a parent
 * still takes everything below it, and nothing of a neighbour.
 */
@QuarkusTest
class DeletionCascadeTest {

    @Inject
    AgroalDataSource db;

    private TestRows rows;
    private String tenant;
    private String app;
    private String endpoint;
    private String otherEndpoint;
    private String message;

    @BeforeEach
    void anAppWithTwoEndpointsAndAnAttemptedMessage() {
        rows = new TestRows(db);
        tenant = rows.tenant();
        app = rows.application(tenant);
        endpoint = rows.endpoint(tenant, app, "http://127.0.0.1:9/a");
        otherEndpoint = rows.endpoint(tenant, app, "http://127.0.0.1:9/b");
        message = rows.message(tenant, app, Instant.now());
        for (String ep : new String[] { endpoint, otherEndpoint }) {
            long delivery = rows.delivery(tenant, app, message, ep, "succeeded", Instant.now());
            rows.attempt(tenant, app, message, ep, delivery, 1, "succeeded", 200, Instant.now());
        }
    }

    @Test
    void deletingAnEndpointTakesItsDeliveriesAndAttemptsAndLeavesTheOtherEndpointsAlone() {
        delete("delete from endpoint where id = ?", endpoint);

        assertThat(rows.count("select count(*) from delivery where endpoint_id = ?", endpoint)).isZero();
        assertThat(rows.count("select count(*) from attempt where endpoint_id = ?", endpoint)).isZero();
        assertThat(rows.count("select count(*) from delivery where endpoint_id = ?", otherEndpoint)).isOne();
        assertThat(rows.count("select count(*) from attempt where endpoint_id = ?", otherEndpoint)).isOne();
        assertThat(rows.count("select count(*) from message where id = ?", message)).isOne();
    }

    @Test
    void deletingAnApplicationTakesItsMessagesDeliveriesAndAttempts() {
        String otherApp = rows.application(tenant);
        String kept = rows.message(tenant, otherApp, Instant.now());

        delete("delete from application where id = ?", app);

        assertThat(rows.count("select count(*) from message where app_id = ?", app)).isZero();
        assertThat(rows.count("select count(*) from delivery where message_id = ?", message)).isZero();
        assertThat(rows.count("select count(*) from attempt where message_id = ?", message)).isZero();
        assertThat(rows.count("select count(*) from message where id = ?", kept)).isOne();
    }

    @Test
    void deletingATenantTakesEverythingOfItsApplications() {
        delete("delete from tenant where id = ?", tenant);

        assertThat(rows.count("select count(*) from message where tenant_id = ?", tenant)).isZero();
        assertThat(rows.count("select count(*) from delivery where tenant_id = ?", tenant)).isZero();
        assertThat(rows.count("select count(*) from attempt where tenant_id = ?", tenant)).isZero();
    }

    private void delete(String sql, String id) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            assertThat(s.executeUpdate()).isOne();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
