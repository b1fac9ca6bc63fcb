package dev.herald.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Another tenant's key finds nothing of the first tenant's: every route answers 404, every list is empty. */
@QuarkusTest
class TenantIsolationTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String ENDPOINT = "{\"url\":\"http://127.0.0.1:9/hook\"}";

    @Test
    void anotherTenantGetsNotFoundOnEveryRouteAndEmptyLists() {
        TenantKey owner = TestTenants.aTenant("Owner");
        TenantKey other = TestTenants.aTenant("Intruder");
        owner.request().body("{\"name\":\"secret.event\"}").post("/api/v1/event-types").then().statusCode(201);
        String appId = owner.request().body("{\"name\":\"Customer\",\"uid\":\"shared-uid\"}").post("/api/v1/apps")
                .then().statusCode(201).extract().path("id");
        String app = "/api/v1/apps/" + appId;
        String endpointId = owner.request().body(ENDPOINT).post(app + "/endpoints")
                .then().statusCode(201).extract().path("id");
        String endpoint = app + "/endpoints/" + endpointId;

        List<Function<TenantKey, Response>> routes = List.of(
                t -> t.request().get("/api/v1/event-types/secret.event"),
                t -> t.request().delete("/api/v1/event-types/secret.event"),
                t -> t.request().get(app),
                t -> t.request().get("/api/v1/apps/shared-uid"),
                t -> t.request().body("{\"name\":\"Mine now\"}").put(app),
                t -> t.request().body("{\"name\":\"Mine now\"}").patch(app),
                t -> t.request().delete(app),
                t -> t.request().get(app + "/endpoints"),
                t -> t.request().body(ENDPOINT).post(app + "/endpoints"),
                t -> t.request().get(endpoint),
                t -> t.request().body(ENDPOINT).put(endpoint),
                t -> t.request().body("{\"description\":\"x\"}").patch(endpoint),
                t -> t.request().delete(endpoint),
                t -> t.request().get(endpoint + "/secret"),
                t -> t.request().post(endpoint + "/secret/rotate"));
        for (Function<TenantKey, Response> route : routes) {
            route.apply(other).then().statusCode(404).contentType(PROBLEM);
        }

        assertThat(other.request().get("/api/v1/apps").then().statusCode(200).extract().<List<?>>path("data"))
                .isEmpty();
        assertThat(other.request().queryParam("includeArchived", true).get("/api/v1/event-types").then()
                .statusCode(200).extract().<List<?>>path("data")).isEmpty();
        // The owner's rows are untouched by all of the above.
        owner.request().get("/api/v1/event-types/secret.event").then().statusCode(200).body("archived", equalTo(false));
        owner.request().get(app).then().statusCode(200).body("name", equalTo("Customer"));
        owner.request().get(endpoint).then().statusCode(200).body("description", equalTo(""));
        owner.request().get(app + "/endpoints").then().statusCode(200).body("data.size()", equalTo(1));
    }

    @Test
    void aUidIsUniqueOnlyWithinItsTenant() {
        TenantKey first = TestTenants.aTenant("First");
        TenantKey second = TestTenants.aTenant("Second");

        first.request().body("{\"name\":\"A\",\"uid\":\"cust-42\"}").post("/api/v1/apps").then().statusCode(201);
        second.request().body("{\"name\":\"B\",\"uid\":\"cust-42\"}").post("/api/v1/apps").then().statusCode(201);

        first.request().get("/api/v1/apps/cust-42").then().statusCode(200).body("name", equalTo("A"));
        second.request().get("/api/v1/apps/cust-42").then().statusCode(200).body("name", equalTo("B"));
    }

    @Test
    void anEndpointCannotFilterOnAnotherTenantsEventType() {
        TenantKey owner = TestTenants.aTenant("Types owner");
        TenantKey other = TestTenants.aTenant("Types borrower");
        owner.request().body("{\"name\":\"owner.only\"}").post("/api/v1/event-types").then().statusCode(201);
        String app = other.request().body("{\"name\":\"C\"}").post("/api/v1/apps").then().statusCode(201)
                .extract().path("id");

        other.request().body("{\"url\":\"http://127.0.0.1:9/\",\"filterTypes\":[\"owner.only\"]}")
                .post("/api/v1/apps/" + app + "/endpoints").then().statusCode(422).contentType(PROBLEM);
    }
}
