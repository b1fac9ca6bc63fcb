package dev.herald.tenant;

import static dev.herald.TestTenants.asAdmin;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.herald.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TenantResourceTest {

    @Test
    void platformAdminCreatesATenantAndReadsItBack() {
        String id = asAdmin().body("{\"name\":\"Acme\"}").post("/api/v1/tenants")
                .then().statusCode(201).body("id", startsWith("ten_")).body("name", equalTo("Acme"))
                .extract().path("id");

        asAdmin().get("/api/v1/tenants/" + id).then().statusCode(200).body("name", equalTo("Acme"));
    }

    @Test
    void anIssuedApiKeyIsShownOnceAndAuthenticatesItsTenant() {
        var tenant = TestTenants.aTenant("Keys");

        asAdmin().get("/api/v1/tenants/" + tenant.tenantId() + "/api-keys")
                .then().statusCode(200).body("[0].token", nullValue()).body("[0].tokenPrefix", startsWith("hk_"));
        given().auth().oauth2(tenant.token()).get("/api/v1/tenants")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aRevokedApiKeyNoLongerAuthenticates() {
        var tenant = TestTenants.aTenant("Revoked");
        String keyId = asAdmin().get("/api/v1/tenants/" + tenant.tenantId() + "/api-keys").then().extract()
                .path("[0].id");

        asAdmin().delete("/api/v1/tenants/" + tenant.tenantId() + "/api-keys/" + keyId).then().statusCode(204);

        given().auth().oauth2(tenant.token()).get("/api/v1/tenants")
                .then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://herald.dev/problems/unauthorized"));
    }

    @Test
    void withoutATokenTheAdminApiAnswersUnauthorizedAsAProblem() {
        given().get("/api/v1/tenants").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void anUnknownTenantIsNotFound() {
        asAdmin().get("/api/v1/tenants/ten_nope").then().statusCode(404).contentType("application/problem+json");
    }
}
