package dev.herald.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.herald.support.SupportFixture;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.AttributeType;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each role's allowed and denied calls on the tenant routes, with identities as Keycloak would make them
 * ({@code @TestSecurity}): support reads and redelivers but never touches secrets or endpoint settings; a customer
 * with an {@code app_id} reaches its application only; a tenant admin everything of its tenant; the platform admin
 * no tenant's data.
 */
@QuarkusTest
class RoleMatrixTest {

    private static final String ENDPOINT_BODY = "{\"url\":\"http://127.0.0.1:9/changed\"}";

    @Inject
    AgroalDataSource db;

    private SupportFixture fixture;
    private SupportFixture.Tenant t;

    @BeforeEach
    void threeTenants() {
        fixture = new SupportFixture(db);
        t = fixture.served;
    }

    @Test
    @TestSecurity(user = "sam", roles = "support", attributes = @SecurityAttribute(key = "tenant_ids",
            value = SupportFixture.SERVED_TENANTS, type = AttributeType.STRING_SET))
    void supportReadsATenantItNamesAndRedeliversThere() {
        RequestSpecification sam = in(SupportFixture.SERVED);

        sam.get("/api/v1/apps").then().statusCode(200);
        sam.get("/api/v1/apps/" + t.app()).then().statusCode(200);
        sam.get("/api/v1/event-types").then().statusCode(200);
        sam.get("/api/v1/apps/" + t.app() + "/endpoints").then().statusCode(200);
        sam.get("/api/v1/apps/" + t.app() + "/endpoints/" + t.endpoint()).then().statusCode(200);
        sam.get("/api/v1/apps/" + t.app() + "/endpoints/" + t.endpoint() + "/attempts").then().statusCode(200);
        sam.get("/api/v1/apps/" + t.app() + "/endpoints/" + t.endpoint() + "/stats").then().statusCode(200);
        sam.get("/api/v1/apps/" + t.app() + "/messages/" + t.message()).then().statusCode(200);
        sam.get("/api/v1/apps/" + t.app() + "/messages/" + t.message() + "/endpoints").then().statusCode(200);
        sam.post("/api/v1/apps/" + t.app() + "/messages/" + t.message() + "/endpoints/" + t.endpoint() + "/resend")
                .then().statusCode(202);
    }

    @Test
    @TestSecurity(user = "sam", roles = "support", attributes = @SecurityAttribute(key = "tenant_ids",
            value = SupportFixture.SERVED_TENANTS, type = AttributeType.STRING_SET))
    void supportCannotReadSecretsOrChangeEndpoints() {
        RequestSpecification sam = in(SupportFixture.SERVED);
        String endpoint = "/api/v1/apps/" + t.app() + "/endpoints/" + t.endpoint();

        sam.get(endpoint + "/secret").then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("https://herald.dev/problems/forbidden"));
        sam.body(ENDPOINT_BODY).put(endpoint).then().statusCode(403);
        sam.body(ENDPOINT_BODY).patch(endpoint).then().statusCode(403);
        sam.delete(endpoint).then().statusCode(403);
        sam.post(endpoint + "/secret/rotate").then().statusCode(403);
        sam.body(ENDPOINT_BODY).post("/api/v1/apps/" + t.app() + "/endpoints").then().statusCode(403);
        sam.body("{\"eventType\":\"test.event\",\"payload\":{}}").post("/api/v1/apps/" + t.app() + "/messages")
                .then().statusCode(403);
        sam.delete("/api/v1/apps/" + t.app()).then().statusCode(403);
        sam.post("/api/v1/apps/" + t.app() + "/portal-access").then().statusCode(403);
        sam.get("/api/v1/tenants").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "sam", roles = "support", attributes = @SecurityAttribute(key = "tenant_ids",
            value = SupportFixture.SERVED_TENANTS, type = AttributeType.STRING_SET))
    void supportNamesTheTenantItActsInAndOnlyOneItServes() {
        given().get("/api/v1/apps").then().statusCode(422)
                .body("errors[0].field", equalTo(Caller.TENANT_HEADER));
        in(SupportFixture.NOT_SERVED).get("/api/v1/apps").then().statusCode(404);
        in(SupportFixture.ALSO_SERVED).get("/api/v1/apps/" + t.app()).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "carol", roles = "customer", attributes = {
            @SecurityAttribute(key = "tenant_id", value = SupportFixture.SERVED),
            @SecurityAttribute(key = "app_id", value = "uid-of-nothing") })
    void aCustomerWhoseAppDoesNotExistReachesNothing() {
        given().get("/api/v1/apps/uid-of-nothing/endpoints").then().statusCode(404);
        given().get("/api/v1/apps/" + t.app() + "/endpoints").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "dave", roles = "customer", attributes = @SecurityAttribute(key = "tenant_id",
            value = SupportFixture.SERVED))
    void aCustomerWithoutAnApplicationReachesNone() {
        given().get("/api/v1/apps/" + t.app() + "/endpoints").then().statusCode(404);
        given().get("/api/v1/event-types").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "alice", roles = "tenant-admin", attributes = @SecurityAttribute(key = "tenant_id",
            value = SupportFixture.SERVED))
    void aTenantAdminDoesEverythingInItsTenantAndNothingElsewhere() {
        String endpoint = "/api/v1/apps/" + t.app() + "/endpoints/" + t.endpoint();

        given().get("/api/v1/apps/" + t.app() + "/endpoints").then().statusCode(200);
        json().body("{\"disabled\":true}").patch(endpoint).then().statusCode(200);
        given().get("/api/v1/audit?action=endpoint.disable&targetId=" + t.endpoint()).then()
                .body("data[0].actor", equalTo("alice")).body("data[0].actorRole", equalTo("tenant-admin"));
        given().get("/api/v1/apps/" + fixture.alsoServed.app()).then().statusCode(404);
        in(SupportFixture.ALSO_SERVED).get("/api/v1/apps").then().statusCode(404);
        given().get("/api/v1/tenants").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "pat", roles = "platform-admin")
    void thePlatformAdminReadsNoTenantsData() {
        given().get("/api/v1/apps").then().statusCode(403);
        given().get("/api/v1/support/messages").then().statusCode(403);
        given().get("/api/v1/audit").then().statusCode(403);
    }

    private static RequestSpecification in(String tenantId) {
        return json().header(Caller.TENANT_HEADER, tenantId);
    }

    private static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }
}
