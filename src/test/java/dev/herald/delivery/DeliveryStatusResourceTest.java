package dev.herald.delivery;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.herald.TestRows;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeliveryStatusResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void listsWhereTheMessageStandsAtEachEndpoint() {
        TestRows rows = new TestRows(db);
        TenantKey tenant = TestTenants.aTenant("Status");
        String app = rows.application(tenant.tenantId());
        String ok = rows.endpoint(tenant.tenantId(), app, "http://127.0.0.1:9/ok");
        String bad = rows.endpoint(tenant.tenantId(), app, "http://127.0.0.1:9/bad");
        String message = rows.message(tenant.tenantId(), app, Instant.now());
        rows.delivery(tenant.tenantId(), app, message, ok, "succeeded", Instant.now());
        rows.delivery(tenant.tenantId(), app, message, bad, "exhausted", Instant.now());
        rows.exec("""
                update delivery set attempts = 10, last_status_code = 500, last_error = 'HTTP 500',
                  last_attempt_at = now() where message_id = ? and endpoint_id = ?""", message, bad);

        tenant.request().get("/api/v1/apps/" + app + "/messages/" + message + "/endpoints")
                .then().statusCode(200)
                .body("data.endpointId", containsInAnyOrder(ok, bad))
                .body("data.find { it.endpointId == '" + bad + "' }.state", equalTo("exhausted"))
                .body("data.find { it.endpointId == '" + bad + "' }.attempts", equalTo(10))
                .body("data.find { it.endpointId == '" + bad + "' }.lastStatusCode", equalTo(500))
                .body("data.find { it.endpointId == '" + bad + "' }.lastError", equalTo("HTTP 500"))
                .body("data.find { it.endpointId == '" + bad + "' }.lastAttemptAt", notNullValue())
                .body("data.find { it.endpointId == '" + ok + "' }.url", equalTo("http://127.0.0.1:9/ok"));

        TestTenants.aTenant("Elsewhere").request().get("/api/v1/apps/" + app + "/messages/" + message + "/endpoints")
                .then().statusCode(404);
    }
}
