package dev.herald.eventtype;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EventTypeResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String SCHEMA = """
            {"type":"object","required":["amount"],"properties":{"amount":{"type":"integer"}}}""";

    private static String eventType(String name, String schema, String example) {
        return "{\"name\":\"" + name + "\",\"description\":\"An invoice was paid\""
                + (schema == null ? "" : ",\"schema\":" + schema)
                + (example == null ? "" : ",\"example\":" + example) + "}";
    }

    private static List<String> names(TenantKey tenant, boolean includeArchived) {
        return tenant.request().queryParam("includeArchived", includeArchived).get("/api/v1/event-types")
                .then().statusCode(200).extract().path("data.name");
    }

    @Test
    void aTenantCreatesAnEventTypeWithSchemaAndExampleAndReadsItBack() {
        TenantKey tenant = TestTenants.aTenant("Event types");

        tenant.request().body(eventType("invoice.paid", SCHEMA, "{\"amount\":12}")).post("/api/v1/event-types")
                .then().statusCode(201)
                .body("name", equalTo("invoice.paid"))
                .body("schema.properties.amount.type", equalTo("integer"))
                .body("example.amount", equalTo(12))
                .body("archived", equalTo(false))
                .body("createdAt", notNullValue());

        tenant.request().get("/api/v1/event-types/invoice.paid").then().statusCode(200)
                .body("description", equalTo("An invoice was paid"))
                .body("schema.required", contains("amount"));
    }

    @Test
    void anEventTypeNeedsOnlyAName() {
        TenantKey tenant = TestTenants.aTenant("Minimal");

        tenant.request().body("{\"name\":\"user.created\"}").post("/api/v1/event-types")
                .then().statusCode(201).body("description", equalTo("")).body("schema", nullValue());
    }

    @Test
    void listsPageNewestFirstWithAnIteratorUntilDone() {
        TenantKey tenant = TestTenants.aTenant("Paging");
        for (String name : List.of("a.one", "a.two", "a.three")) {
            tenant.request().body(eventType(name, null, null)).post("/api/v1/event-types").then().statusCode(201);
        }

        String iterator = tenant.request().queryParam("limit", 2).get("/api/v1/event-types").then().statusCode(200)
                .body("data.name", contains("a.three", "a.two")).body("done", equalTo(false))
                .body("iterator", notNullValue()).extract().path("iterator");

        tenant.request().queryParam("limit", 2).queryParam("iterator", iterator).get("/api/v1/event-types")
                .then().statusCode(200).body("data.name", contains("a.one")).body("done", equalTo(true))
                .body("iterator", nullValue());
    }

    @Test
    void aLimitOutsideOneTo250IsRefused() {
        TenantKey tenant = TestTenants.aTenant("Limits");

        for (int limit : new int[] { 0, 251 }) {
            tenant.request().queryParam("limit", limit).get("/api/v1/event-types").then().statusCode(422)
                    .contentType(PROBLEM).body("errors.field", contains("limit"));
        }
        tenant.request().queryParam("limit", 250).get("/api/v1/event-types").then().statusCode(200);
    }

    @Test
    void putUpdatesAnExistingEventTypeAndCreatesAMissingOne() {
        TenantKey tenant = TestTenants.aTenant("Upsert");
        tenant.request().body(eventType("order.shipped", SCHEMA, null)).post("/api/v1/event-types")
                .then().statusCode(201);

        tenant.request().body("{\"description\":\"Shipped\"}").put("/api/v1/event-types/order.shipped")
                .then().statusCode(200).body("description", equalTo("Shipped")).body("schema", nullValue());
        tenant.request().body("{\"description\":\"Fresh\"}").put("/api/v1/event-types/order.created")
                .then().statusCode(201).body("name", equalTo("order.created"));

        tenant.request().get("/api/v1/event-types/order.created").then().statusCode(200)
                .body("description", equalTo("Fresh"));
    }

    @Test
    void deleteArchivesSoTheDefaultListHidesItAndIncludeArchivedShowsIt() {
        TenantKey tenant = TestTenants.aTenant("Archive");
        tenant.request().body(eventType("old.event", null, null)).post("/api/v1/event-types").then().statusCode(201);
        tenant.request().body(eventType("live.event", null, null)).post("/api/v1/event-types").then().statusCode(201);

        tenant.request().delete("/api/v1/event-types/old.event").then().statusCode(204);

        tenant.request().get("/api/v1/event-types/old.event").then().statusCode(200).body("archived", equalTo(true));
        assertThat(names(tenant, false)).containsExactly("live.event");
        assertThat(names(tenant, true)).containsExactly("live.event", "old.event");
        assertThat(isActive(tenant, "old.event")).isFalse();
    }

    private static boolean isActive(TenantKey tenant, String name) {
        return QuarkusTransaction.requiringNew()
                .call(() -> EventType.findActive(tenant.tenantId(), name) != null);
    }

    @Test
    void creatingAnArchivedNameAgainUnarchivesAndUpdatesIt() {
        TenantKey tenant = TestTenants.aTenant("Revive");
        tenant.request().body(eventType("back.again", null, null)).post("/api/v1/event-types").then().statusCode(201);
        tenant.request().delete("/api/v1/event-types/back.again").then().statusCode(204);

        tenant.request().body("{\"name\":\"back.again\",\"description\":\"Revived\"}").post("/api/v1/event-types")
                .then().statusCode(201).body("archived", equalTo(false)).body("description", equalTo("Revived"));
    }

    @Test
    void aDuplicateNameIsAConflict() {
        TenantKey tenant = TestTenants.aTenant("Duplicate");
        tenant.request().body(eventType("dup.event", null, null)).post("/api/v1/event-types").then().statusCode(201);

        tenant.request().body(eventType("dup.event", null, null)).post("/api/v1/event-types")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("https://herald.dev/problems/conflict"));
    }

    @Test
    void aMissingOrBlankNameIsRefusedNamingTheFieldAndNothingIsStored() {
        TenantKey tenant = TestTenants.aTenant("Bad names");

        tenant.request().body("{\"description\":\"x\"}").post("/api/v1/event-types")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("name"));
        tenant.request().body("{\"name\":\"  \"}").post("/api/v1/event-types")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", hasItem("name"));
        tenant.request().body("{\"name\":\"has spaces/and slashes\"}").post("/api/v1/event-types")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("name"));
        tenant.request().body("{\"name\":\"" + "x".repeat(257) + "\"}").post("/api/v1/event-types")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("name"));

        assertThat(names(tenant, true)).isEmpty();
    }

    @Test
    void anInvalidJsonSchemaIsRefusedNamingSchema() {
        TenantKey tenant = TestTenants.aTenant("Bad schema");

        tenant.request().body(eventType("bad.schema", "{\"type\":\"banana\",\"required\":\"amount\"}", null))
                .post("/api/v1/event-types")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", hasItem("schema"))
                .body("errors.field", everyItem(equalTo("schema")));
        tenant.request().body(eventType("bad.schema", "\"just a string\"", null)).post("/api/v1/event-types")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("schema"));
        tenant.request().body(eventType("bad.schema", "{\"$ref\":\"http://127.0.0.1:9/schema.json\"}", null))
                .post("/api/v1/event-types")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("schema"));

        assertThat(names(tenant, true)).isEmpty();
    }

    @Test
    void anExampleThatDoesNotMatchTheSchemaIsRefusedNamingExample() {
        TenantKey tenant = TestTenants.aTenant("Bad example");

        tenant.request().body(eventType("bad.example", SCHEMA, "{\"amount\":\"twelve\"}")).post("/api/v1/event-types")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("example.amount"));
        tenant.request().body("{\"description\":\"x\",\"schema\":" + SCHEMA + ",\"example\":{}}")
                .put("/api/v1/event-types/bad.example")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("example.amount"));

        assertThat(names(tenant, true)).isEmpty();
    }

    @Test
    void putRefusesANameThatBreaksThePattern() {
        TenantKey tenant = TestTenants.aTenant("Bad put");

        tenant.request().body("{}").put("/api/v1/event-types/bad name")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("name"));
    }

    @Test
    void anUnknownEventTypeIsNotFound() {
        TenantKey tenant = TestTenants.aTenant("Unknown");

        tenant.request().get("/api/v1/event-types/nope").then().statusCode(404).contentType(PROBLEM);
        tenant.request().delete("/api/v1/event-types/nope").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void anotherTenantCannotSeeOrTouchTheEventTypes() {
        TenantKey owner = TestTenants.aTenant("Owner");
        TenantKey other = TestTenants.aTenant("Other");
        owner.request().body(eventType("private.event", null, null)).post("/api/v1/event-types")
                .then().statusCode(201);

        other.request().get("/api/v1/event-types/private.event").then().statusCode(404).contentType(PROBLEM);
        other.request().delete("/api/v1/event-types/private.event").then().statusCode(404).contentType(PROBLEM);
        assertThat(names(other, true)).isEmpty();
        // The same name is free in another tenant; PUT there creates the other tenant's own event type.
        other.request().body("{\"description\":\"mine\"}").put("/api/v1/event-types/private.event")
                .then().statusCode(201);
        owner.request().get("/api/v1/event-types/private.event").then().statusCode(200)
                .body("description", equalTo("An invoice was paid")).body("archived", equalTo(false));
    }

    @Test
    void withoutAnApiKeyTheRoutesAnswerUnauthorized() {
        given().get("/api/v1/event-types").then().statusCode(401).contentType(PROBLEM);
    }
}
