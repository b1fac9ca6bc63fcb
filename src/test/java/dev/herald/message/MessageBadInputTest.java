package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bad-input catalogue of ingest: every refusal is a problem, and nothing of a refused message is stored. */
@QuarkusTest
class MessageBadInputTest {

    private TenantKey tenant;
    private String appId;

    @BeforeEach
    void aTenantWithAnApp() {
        tenant = TestTenants.aTenant("BadInput");
        tenant.request().body("""
                {"name":"order.placed","description":"An order","schema":{"type":"object",
                 "required":["amount"],"properties":{"amount":{"type":"integer","minimum":1}}}}""")
                .post("/api/v1/event-types").then().statusCode(201);
        tenant.request().body("{\"name\":\"old.thing\"}").post("/api/v1/event-types").then().statusCode(201);
        tenant.request().delete("/api/v1/event-types/old.thing").then().statusCode(204);
        appId = tenant.request().body("{\"name\":\"App\"}").post("/api/v1/apps").then().statusCode(201)
                .extract().path("id");
        tenant.request().body("{\"url\":\"http://127.0.0.1:9/x\"}").post("/api/v1/apps/" + appId + "/endpoints")
                .then().statusCode(201);
    }

    @Test
    void malformedJsonIsABadRequestProblem() throws SQLException {
        post("{\"eventType\":").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://herald.dev/problems/malformed-json"));
        assertNothingStored();
    }

    @Test
    void missingFieldsAreListed() throws SQLException {
        post("{}").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("eventType")).body("errors.field", hasItem("payload"));
        assertNothingStored();
    }

    @Test
    void anUnknownEventTypeIsRefused() throws SQLException {
        post("{\"eventType\":\"no.such\",\"payload\":{}}").then().statusCode(422)
                .body("errors[0].field", equalTo("eventType"));
        assertNothingStored();
    }

    @Test
    void anArchivedEventTypeIsRefused() throws SQLException {
        post("{\"eventType\":\"old.thing\",\"payload\":{}}").then().statusCode(422)
                .body("errors[0].field", equalTo("eventType"));
        assertNothingStored();
    }

    @Test
    void aPayloadThatViolatesTheSchemaIsRefused() throws SQLException {
        post("{\"eventType\":\"order.placed\",\"payload\":{\"amount\":0}}").then().statusCode(422)
                .contentType("application/problem+json");
        post("{\"eventType\":\"order.placed\",\"payload\":{}}").then().statusCode(422);
        assertNothingStored();
    }

    @Test
    void aPayloadThatIsNotAnObjectIsRefused() throws SQLException {
        post("{\"eventType\":\"order.placed\",\"payload\":[1,2]}").then().statusCode(422)
                .body("errors[0].field", equalTo("payload"));
        assertNothingStored();
    }

    @Test
    void aPayloadOverTheLimitIsTooLarge() throws SQLException {
        String big = "x".repeat(300 * 1024);
        post("{\"eventType\":\"order.placed\",\"payload\":{\"amount\":5,\"pad\":\"" + big + "\"}}").then()
                .statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("https://herald.dev/problems/payload-too-large"));
        assertNothingStored();
    }

    @Test
    void badChannelsAndEventIdsAreRefused() throws SQLException {
        post("{\"eventType\":\"order.placed\",\"payload\":{\"amount\":1},\"channels\":[\"no spaces\"]}").then()
                .statusCode(422);
        post("{\"eventType\":\"order.placed\",\"payload\":{\"amount\":1},\"eventId\":\"\"}").then()
                .statusCode(422).body("errors[0].field", equalTo("eventId"));
        assertNothingStored();
    }

    @Test
    void anUnknownAppIsNotFound() {
        tenant.request().body("{\"eventType\":\"order.placed\",\"payload\":{\"amount\":1}}")
                .post("/api/v1/apps/app_nope/messages").then().statusCode(404).contentType("application/problem+json");
    }

    private io.restassured.response.Response post(String body) {
        return tenant.request().body(body).post("/api/v1/apps/" + appId + "/messages");
    }

    private void assertNothingStored() throws SQLException {
        assertThat(MessageIngestTest.count("select count(*) from message where app_id = '" + appId + "'")).isZero();
        assertThat(MessageIngestTest.count("select count(*) from delivery where app_id = '" + appId + "'")).isZero();
    }
}
