package dev.herald.delivery;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.TestRows;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EndpointStatsResourceTest {

    @Inject
    AgroalDataSource db;

    private TestRows rows;
    private TenantKey tenant;
    private String app;
    private String endpoint;

    @BeforeEach
    void anEndpoint() {
        rows = new TestRows(db);
        tenant = TestTenants.aTenant("Stats");
        app = rows.application(tenant.tenantId());
        endpoint = rows.endpoint(tenant.tenantId(), app, "http://127.0.0.1:9/hook");
    }

    @Test
    void countsSuccessesAndFailuresOverADayAndAWeekWithHourlyBuckets() {
        Instant now = Instant.now();
        attempt("succeeded", now.minus(Duration.ofMinutes(1)));
        attempt("succeeded", now.minus(Duration.ofMinutes(2)));
        attempt("failed", now.minus(Duration.ofMinutes(3)));
        attempt("succeeded", now.minus(Duration.ofHours(3)));
        attempt("failed", now.minus(Duration.ofDays(3)));
        attempt("failed", now.minus(Duration.ofDays(8)));

        var stats = tenant.request().get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/stats")
                .then().statusCode(200)
                .body("endpointId", equalTo(endpoint))
                .body("last24h.succeeded", equalTo(3))
                .body("last24h.failed", equalTo(1))
                .body("last24h.successRate", equalTo(0.75f))
                .body("last7d.succeeded", equalTo(3))
                .body("last7d.failed", equalTo(2))
                .body("hourly", hasSize(24))
                .extract().jsonPath();
        List<Integer> perHour = stats.<Map<String, Integer>>getList("hourly").stream()
                .map(h -> h.get("succeeded") + h.get("failed")).toList();
        assertThat(perHour.stream().mapToInt(Integer::intValue).sum()).as("the 8-day-old and 3-day-old are out")
                .isEqualTo(4);
        assertThat(perHour.get(23) + perHour.get(22)).as("the last few minutes").isEqualTo(3);
    }

    @Test
    void anEndpointWithoutAttemptsHasNoSuccessRate() {
        tenant.request().get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/stats")
                .then().statusCode(200)
                .body("last24h.succeeded", equalTo(0))
                .body("last24h.successRate", nullValue())
                .body("hourly", hasSize(24));
    }

    @Test
    void anotherTenantsEndpointIsNotFound() {
        TestTenants.aTenant("Nosy").request().get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/stats")
                .then().statusCode(404);
    }

    private void attempt(String outcome, Instant at) {
        String message = rows.message(tenant.tenantId(), app, at);
        long delivery = rows.delivery(tenant.tenantId(), app, message, endpoint, outcome.equals("succeeded")
                ? "succeeded" : "exhausted", at);
        rows.attempt(tenant.tenantId(), app, message, endpoint, delivery, 1, outcome,
                outcome.equals("succeeded") ? 200 : 500, at);
    }
}
