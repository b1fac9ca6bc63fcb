package dev.herald.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApplicationResourceTest {

    private static final String PROBLEM = "application/problem+json";

    private static String create(TenantKey tenant, String body) {
        return tenant.request().body(body).post("/api/v1/apps").then().statusCode(201).extract().path("id");
    }

    private static List<String> ids(TenantKey tenant) {
        return tenant.request().get("/api/v1/apps").then().statusCode(200).extract().path("data.id");
    }

    @Test
    void aTenantCreatesAnApplicationAndReadsItByIdAndByUid() {
        TenantKey tenant = TestTenants.aTenant("Apps");

        String id = tenant.request().body("{\"name\":\"Customer One\",\"uid\":\"cust-1\",\"metadata\":{\"plan\":\"pro\"}}")
                .post("/api/v1/apps").then().statusCode(201)
                .body("id", startsWith("app_")).body("uid", equalTo("cust-1")).body("name", equalTo("Customer One"))
                .body("metadata.plan", equalTo("pro")).body("createdAt", notNullValue())
                .extract().path("id");

        tenant.request().get("/api/v1/apps/" + id).then().statusCode(200).body("uid", equalTo("cust-1"));
        tenant.request().get("/api/v1/apps/cust-1").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void uidAndMetadataAreOptional() {
        TenantKey tenant = TestTenants.aTenant("Plain app");

        tenant.request().body("{\"name\":\"No uid\"}").post("/api/v1/apps").then().statusCode(201)
                .body("uid", nullValue()).body("metadata", equalTo(Map.of()));
    }

    @Test
    void listsPageNewestFirstWithAnIteratorUntilDone() {
        TenantKey tenant = TestTenants.aTenant("App paging");
        String first = create(tenant, "{\"name\":\"one\"}");
        String second = create(tenant, "{\"name\":\"two\"}");
        String third = create(tenant, "{\"name\":\"three\"}");

        String iterator = tenant.request().queryParam("limit", 2).get("/api/v1/apps").then().statusCode(200)
                .body("data.id", contains(third, second)).body("done", equalTo(false)).extract().path("iterator");
        tenant.request().queryParam("limit", 2).queryParam("iterator", iterator).get("/api/v1/apps")
                .then().statusCode(200).body("data.id", contains(first)).body("done", equalTo(true));
        tenant.request().queryParam("limit", 251).get("/api/v1/apps")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("limit"));
    }

    @Test
    void putReplacesEveryField() {
        TenantKey tenant = TestTenants.aTenant("App put");
        String id = create(tenant, "{\"name\":\"Before\",\"uid\":\"before\",\"metadata\":{\"a\":\"1\"}}");

        tenant.request().body("{\"name\":\"After\"}").put("/api/v1/apps/before").then().statusCode(200)
                .body("id", equalTo(id)).body("name", equalTo("After")).body("uid", nullValue())
                .body("metadata", equalTo(Map.of()));
    }

    @Test
    void patchChangesOnlyThePresentFieldsAndNullClears() {
        TenantKey tenant = TestTenants.aTenant("App patch");
        String id = create(tenant, "{\"name\":\"Keep\",\"uid\":\"patch-me\",\"metadata\":{\"a\":\"1\"}}");

        tenant.request().body("{\"metadata\":{\"b\":\"2\"}}").patch("/api/v1/apps/" + id).then().statusCode(200)
                .body("name", equalTo("Keep")).body("uid", equalTo("patch-me")).body("metadata.b", equalTo("2"))
                .body("metadata.a", nullValue());
        tenant.request().body("{\"uid\":null}").patch("/api/v1/apps/" + id).then().statusCode(200)
                .body("uid", nullValue()).body("name", equalTo("Keep"));
        tenant.request().body("{\"name\":null}").patch("/api/v1/apps/" + id).then().statusCode(422)
                .contentType(PROBLEM).body("errors.field", contains("name"));
        tenant.request().body("{\"uid\":\"app_sneaky\"}").patch("/api/v1/apps/" + id).then().statusCode(422)
                .contentType(PROBLEM).body("errors.field", contains("uid"));
        tenant.request().body("[1]").patch("/api/v1/apps/" + id).then().statusCode(422).contentType(PROBLEM);

        tenant.request().get("/api/v1/apps/" + id).then().body("name", equalTo("Keep")).body("uid", nullValue());
    }

    @Test
    void deleteRemovesTheApplicationWithItsEndpoints() {
        TenantKey tenant = TestTenants.aTenant("App delete");
        String id = create(tenant, "{\"name\":\"Doomed\"}");
        tenant.request().body("{\"url\":\"https://example.com/hook\"}").post("/api/v1/apps/" + id + "/endpoints")
                .then().statusCode(201);

        tenant.request().delete("/api/v1/apps/" + id).then().statusCode(204);

        tenant.request().get("/api/v1/apps/" + id).then().statusCode(404).contentType(PROBLEM);
        tenant.request().get("/api/v1/apps/" + id + "/endpoints").then().statusCode(404).contentType(PROBLEM);
        assertThat(ids(tenant)).isEmpty();
    }

    @Test
    void aDuplicateUidIsAConflictOnCreateUpdateAndPatch() {
        TenantKey tenant = TestTenants.aTenant("Dup uid");
        create(tenant, "{\"name\":\"A\",\"uid\":\"taken\"}");
        String other = create(tenant, "{\"name\":\"B\",\"uid\":\"free\"}");

        tenant.request().body("{\"name\":\"C\",\"uid\":\"taken\"}").post("/api/v1/apps")
                .then().statusCode(409).contentType(PROBLEM);
        tenant.request().body("{\"name\":\"B\",\"uid\":\"taken\"}").put("/api/v1/apps/" + other)
                .then().statusCode(409).contentType(PROBLEM);
        tenant.request().body("{\"uid\":\"taken\"}").patch("/api/v1/apps/" + other)
                .then().statusCode(409).contentType(PROBLEM);
        assertThat(ids(tenant)).hasSize(2);
        // Re-sending an app's own uid is no clash.
        tenant.request().body("{\"name\":\"B2\",\"uid\":\"free\"}").put("/api/v1/apps/" + other).then().statusCode(200);
    }

    @Test
    void badInputIsRefusedListingEveryFieldAndNothingIsStored() {
        TenantKey tenant = TestTenants.aTenant("Bad apps");

        tenant.request().body("{}").post("/api/v1/apps")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("name"));
        tenant.request().body("{\"name\":\" \",\"uid\":\"has space\"}").post("/api/v1/apps")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", containsInAnyOrder("name", "uid"));
        tenant.request().body("{\"name\":\"x\",\"uid\":\"app_01ABC\"}").post("/api/v1/apps")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("uid"));
        tenant.request().body("{\"name\":\"x\",\"uid\":\"" + "u".repeat(257) + "\"}").post("/api/v1/apps")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", hasItem("uid"));
        tenant.request().body("{\"name\":\"x\",\"metadata\":[\"not\",\"a map\"]}").post("/api/v1/apps")
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("metadata"));
        tenant.request().body("{\"name\":").post("/api/v1/apps").then().statusCode(400).contentType(PROBLEM);
        tenant.request().body("").post("/api/v1/apps").then().statusCode(422).contentType(PROBLEM);

        assertThat(ids(tenant)).isEmpty();
    }

    @Test
    void anUnknownApplicationIsNotFound() {
        TenantKey tenant = TestTenants.aTenant("No app");

        tenant.request().get("/api/v1/apps/app_nope").then().statusCode(404).contentType(PROBLEM);
        tenant.request().get("/api/v1/apps/no-such-uid").then().statusCode(404).contentType(PROBLEM);
    }
}
