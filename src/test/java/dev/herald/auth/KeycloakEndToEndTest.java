package dev.herald.auth;

import static dev.herald.auth.KeycloakTokens.as;
import static org.hamcrest.Matchers.equalTo;

import dev.herald.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/** Herald against a real Keycloak: tokens from real grants, each role's allowed and denied calls. */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakEndToEndTest {

    @Test
    void aPlatformAdminFromKeycloakManagesTenants() {
        String token = KeycloakTokens.password("pat");
        as(token).body("{\"name\":\"From Keycloak\"}").post("/api/v1/tenants").then().statusCode(201);
        as(token).get("/api/v1/tenants").then().statusCode(200);
    }

    @Test
    void aTenantAdminFromKeycloakIsNotAPlatformAdmin() {
        as(KeycloakTokens.password("alice")).get("/api/v1/tenants").then().statusCode(403)
                .contentType("application/problem+json");
        as(KeycloakTokens.clientCredentials()).get("/api/v1/tenants").then().statusCode(403);
    }

    @Test
    void aTokenWithATamperedSignatureIsRefused() {
        String token = KeycloakTokens.password("pat");
        char last = token.charAt(token.length() - 2);
        String forged = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        as(forged).get("/api/v1/tenants").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://herald.dev/problems/unauthorized"));
    }

    @Test
    void apiKeysAndTheAdminTokenKeepWorkingBesideKeycloak() {
        TestTenants.asAdmin().get("/api/v1/tenants").then().statusCode(200);
        var tenant = TestTenants.aTenant("Keys beside Keycloak");
        tenant.request().get("/api/v1/tenants").then().statusCode(403);
    }
}
