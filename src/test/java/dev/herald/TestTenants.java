package dev.herald;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Test-data builders that go through the real API: a fresh tenant and an API key for it. */
public final class TestTenants {

    public static final String ADMIN_TOKEN = "test-admin-token";

    private TestTenants() {
    }

    public static RequestSpecification asAdmin() {
        return given().auth().oauth2(ADMIN_TOKEN).contentType(ContentType.JSON);
    }

    /** A new tenant; returns a request specification authenticated with a fresh API key of it. */
    public static TenantKey aTenant(String name) {
        String tenantId = asAdmin().body("{\"name\":\"" + name + "\"}")
                .post("/api/v1/tenants").then().statusCode(201).extract().path("id");
        String token = asAdmin().body("{\"name\":\"test\"}")
                .post("/api/v1/tenants/" + tenantId + "/api-keys").then().statusCode(201).extract().path("token");
        return new TenantKey(tenantId, token);
    }

    public record TenantKey(String tenantId, String token) {
        public RequestSpecification request() {
            return given().auth().oauth2(token).contentType(ContentType.JSON);
        }
    }
}
