package dev.herald.delivery;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.herald.TestRows;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AttemptResourceTest {

    @Inject
    AgroalDataSource db;

    private TestRows rows;
    private TenantKey tenant;
    private String app;
    private String endpoint;
    private String message;
    private String first;
    private String second;
    private String third;

    @BeforeEach
    void aMessageWithThreeAttempts() {
        rows = new TestRows(db);
        tenant = TestTenants.aTenant("Attempts");
        app = rows.application(tenant.tenantId());
        endpoint = rows.endpoint(tenant.tenantId(), app, "http://127.0.0.1:9/hook");
        Instant start = Instant.now().minus(Duration.ofHours(1));
        message = rows.message(tenant.tenantId(), app, start);
        long delivery = rows.delivery(tenant.tenantId(), app, message, endpoint, "succeeded", start);
        first = rows.attempt(tenant.tenantId(), app, message, endpoint, delivery, 1, "failed", 500, start);
        second = rows.attempt(tenant.tenantId(), app, message, endpoint, delivery, 2, "failed", 503,
                start.plusSeconds(5));
        third = rows.attempt(tenant.tenantId(), app, message, endpoint, delivery, 3, "succeeded", 200,
                start.plusSeconds(300));
    }

    @Test
    void aMessagesAttemptsAreListedNewestFirst() {
        tenant.request().get("/api/v1/apps/" + app + "/messages/" + message + "/attempts")
                .then().statusCode(200)
                .body("data.id", contains(third, second, first))
                .body("data[0].attemptNumber", equalTo(3))
                .body("data[0].outcome", equalTo("succeeded"))
                .body("data[0].statusCode", equalTo(200))
                .body("data[0].endpointId", equalTo(endpoint))
                .body("data[0].messageId", equalTo(message))
                .body("data[0].trigger", equalTo("scheduled"))
                .body("data[1].errorKind", equalTo("http_status"))
                .body("done", equalTo(true));
    }

    @Test
    void anEndpointsAttemptsFilterByStatus() {
        tenant.request().get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/attempts?status=failed")
                .then().statusCode(200)
                .body("data.id", contains(second, first))
                .body("data.outcome", everyItem(equalTo("failed")));
    }

    @Test
    void pagesFollowTheIteratorWithoutGapsOrRepeats() {
        String iterator = tenant.request().get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/attempts?limit=2")
                .then().statusCode(200).body("data.id", contains(third, second)).body("done", equalTo(false))
                .extract().path("iterator");

        tenant.request().get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/attempts?limit=2&iterator="
                + iterator).then().statusCode(200).body("data.id", contains(first)).body("done", equalTo(true))
                .body("iterator", nullValue());
    }

    @Test
    void anUnknownStatusFilterIsAValidationProblem() {
        tenant.request().get("/api/v1/apps/" + app + "/messages/" + message + "/attempts?status=maybe")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field",
                        equalTo("status"));
    }

    @Test
    void anotherTenantSeesNothingOfThem() {
        TenantKey other = TestTenants.aTenant("Other");

        other.request().get("/api/v1/apps/" + app + "/messages/" + message + "/attempts").then().statusCode(404);
        other.request().get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/attempts").then().statusCode(404);
    }

    @Test
    void aMessageOfAnotherApplicationOfTheSameTenantIsNotFound() {
        String otherApp = rows.application(tenant.tenantId());

        tenant.request().get("/api/v1/apps/" + otherApp + "/messages/" + message + "/attempts")
                .then().statusCode(404);
        tenant.request().get("/api/v1/apps/" + otherApp + "/endpoints/" + endpoint + "/attempts")
                .then().statusCode(404).body("type", equalTo("https://herald.dev/problems/not-found"));
    }

    @Test
    void aMessageWithoutAttemptsListsNone() {
        String fresh = rows.message(tenant.tenantId(), app, Instant.now());

        tenant.request().get("/api/v1/apps/" + app + "/messages/" + fresh + "/attempts")
                .then().statusCode(200).body("data", hasSize(0)).body("done", equalTo(true));
    }
}
