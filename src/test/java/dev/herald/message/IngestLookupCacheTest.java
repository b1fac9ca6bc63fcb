package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ingest keeps what it read about an application and event type for a few seconds, so that a stream of messages asks
 * the database nothing before the write. These show that a cached answer never accepts a message a fresh lookup
 * would refuse: the group commit's insert re-checks the event type's version and the application as named.
 */
@QuarkusTest
class IngestLookupCacheTest {

    private TenantKey tenant;
    private String appId;

    @BeforeEach
    void aTenantWithAnAppKnownByUidAndAnEventTypeWithoutSchema() {
        tenant = TestTenants.aTenant("Lookup cache");
        tenant.request().body("{\"name\":\"order.placed\"}").post("/api/v1/event-types").then().statusCode(201);
        appId = tenant.request().body("{\"name\":\"Shop\",\"uid\":\"shop-1\"}").post("/api/v1/apps").then()
                .statusCode(201).extract().path("id");
        tenant.request().body("{\"url\":\"http://127.0.0.1:9/x\"}").post("/api/v1/apps/" + appId + "/endpoints")
                .then().statusCode(201);
        // The first message fills the cache for (shop-1, order.placed).
        send("shop-1", "{\"eventType\":\"order.placed\",\"payload\":{}}").then().statusCode(202);
    }

    @Test
    void aSchemaAddedAfterTheLookupIsAppliedToTheNextMessage() throws SQLException {
        tenant.request().body("""
                {"schema":{"type":"object","required":["amount"]}}""")
                .put("/api/v1/event-types/order.placed").then().statusCode(200);

        send("shop-1", "{\"eventType\":\"order.placed\",\"payload\":{}}").then().statusCode(422)
                .contentType("application/problem+json");
        send("shop-1", "{\"eventType\":\"order.placed\",\"payload\":{\"amount\":3}}").then().statusCode(202);
        assertThat(messages()).isEqualTo(2);
    }

    @Test
    void anEventTypeArchivedAfterTheLookupRefusesTheNextMessage() throws SQLException {
        tenant.request().delete("/api/v1/event-types/order.placed").then().statusCode(204);

        send("shop-1", "{\"eventType\":\"order.placed\",\"payload\":{}}").then().statusCode(422)
                .body("errors[0].field", equalTo("eventType"));
        assertThat(messages()).isEqualTo(1);
    }

    @Test
    void anApplicationUidChangedAfterTheLookupNoLongerReachesIt() throws SQLException {
        tenant.request().body("{\"name\":\"Shop\",\"uid\":\"shop-2\"}").put("/api/v1/apps/" + appId).then()
                .statusCode(200);

        send("shop-1", "{\"eventType\":\"order.placed\",\"payload\":{}}").then().statusCode(404)
                .contentType("application/problem+json");
        send("shop-2", "{\"eventType\":\"order.placed\",\"payload\":{}}").then().statusCode(202);
        assertThat(messages()).isEqualTo(2);
    }

    private io.restassured.response.Response send(String app, String body) {
        return tenant.request().body(body).post("/api/v1/apps/" + app + "/messages");
    }

    private long messages() throws SQLException {
        return MessageIngestTest.count("select count(*) from message where app_id = '" + appId + "'");
    }
}
