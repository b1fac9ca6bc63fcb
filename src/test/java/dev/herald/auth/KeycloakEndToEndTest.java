package dev.herald.auth;

import static dev.herald.auth.KeycloakTokens.DEMO_TENANT;
import static dev.herald.auth.KeycloakTokens.OTHER_SUPPORTED_TENANT;
import static dev.herald.auth.KeycloakTokens.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.herald.TestTenants;
import dev.herald.portal.PortalTokenCodec;
import dev.herald.signing.SecretBox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Herald against a real Keycloak (deploy/keycloak/herald-realm.json): tokens from client-credentials and password
 * grants, each role's allowed and denied calls, forged and expired credentials. The realm binds its demo users and
 * the backend service account to tenant {@code ten_demo}; customer carol to that tenant's application {@code globex}.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakEndToEndTest {

    private static final String TEST_MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Inject
    AgroalDataSource db;

    private String backend;
    private String app;
    private String endpoint;

    @BeforeEach
    void theDemoTenantWithGlobexAndAnEndpoint() {
        for (String tenant : new String[] { DEMO_TENANT, OTHER_SUPPORTED_TENANT }) {
            sql("insert into tenant (id, name, created_at) values (?, ?, now()) on conflict (id) do nothing",
                    tenant, tenant);
        }
        backend = KeycloakTokens.clientCredentials();
        as(backend).body("{\"name\":\"Globex\",\"uid\":\"globex\"}").post("/api/v1/apps");
        app = as(backend).get("/api/v1/apps/globex").then().statusCode(200).extract().path("id");
        endpoint = as(backend).body("{\"url\":\"http://127.0.0.1:9/hook\"}").post("/api/v1/apps/globex/endpoints")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void aPlatformAdminFromKeycloakManagesTenantsAndNoTenantsData() {
        String pat = KeycloakTokens.password("pat");

        as(pat).body("{\"name\":\"From Keycloak\"}").post("/api/v1/tenants").then().statusCode(201);
        as(pat).get("/api/v1/apps").then().statusCode(403);
    }

    @Test
    void theBackendServiceAccountAndATenantAdminRunTheirTenant() {
        String eventType = "order.placed." + UUID.randomUUID().toString().substring(0, 8);
        as(backend).body("{\"name\":\"" + eventType + "\",\"description\":\"An order\"}").post("/api/v1/event-types")
                .then().statusCode(201);
        String message = as(backend).body("{\"eventType\":\"" + eventType + "\",\"payload\":{\"id\":1}}")
                .post("/api/v1/apps/globex/messages").then().statusCode(202).extract().path("id");

        String alice = KeycloakTokens.password("alice");
        as(alice).get("/api/v1/apps/globex/messages/" + message).then().statusCode(200);
        as(alice).get("/api/v1/apps/globex/endpoints/" + endpoint + "/secret").then().statusCode(200);
        as(alice).get("/api/v1/tenants").then().statusCode(403).contentType("application/problem+json");
        as(backend).get("/api/v1/support/messages").then().statusCode(403);
    }

    @Test
    void aKeycloakCustomerReachesItsApplicationOnly() {
        String other = as(backend).body("{\"name\":\"Initech\"}").post("/api/v1/apps").then().statusCode(201)
                .extract().path("id");
        String carol = KeycloakTokens.password("carol");

        as(carol).get("/api/v1/apps/globex/endpoints").then().statusCode(200).body("data.id", hasItem(endpoint));
        as(carol).get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/secret").then().statusCode(200);
        as(carol).get("/api/v1/apps/" + other + "/endpoints").then().statusCode(404)
                .contentType("application/problem+json");
        as(carol).get("/api/v1/apps").then().statusCode(403);
        as(carol).get("/api/v1/support/messages").then().statusCode(403);
    }

    @Test
    void supportFromKeycloakFindsAndResendsButCannotReadSecretsOrMoveEndpoints() {
        String eventType = "invoice.paid." + UUID.randomUUID().toString().substring(0, 8);
        as(backend).body("{\"name\":\"" + eventType + "\"}").post("/api/v1/event-types").then().statusCode(201);
        String message = as(backend).body("{\"eventType\":\"" + eventType + "\",\"payload\":{\"n\":1},"
                + "\"eventId\":\"evt-" + eventType + "\"}").post("/api/v1/apps/globex/messages")
                .then().statusCode(202).extract().path("id");
        String sam = KeycloakTokens.password("sam");

        as(sam).get("/api/v1/support/messages?eventId=evt-" + eventType).then().statusCode(200)
                .body("data[0].id", equalTo(message)).body("data[0].tenantId", equalTo(DEMO_TENANT));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(sam)
                .get("/api/v1/support/messages/" + message).then().statusCode(200)
                .body("deliveries[0].state", equalTo("exhausted")));
        as(sam).post("/api/v1/support/messages/" + message + "/endpoints/" + endpoint + "/resend")
                .then().statusCode(202);

        String endpointPath = "/api/v1/apps/globex/endpoints/" + endpoint;
        as(sam).header(Caller.TENANT_HEADER, DEMO_TENANT).get(endpointPath + "/secret").then().statusCode(403)
                .contentType("application/problem+json");
        as(sam).header(Caller.TENANT_HEADER, DEMO_TENANT).body("{\"url\":\"http://127.0.0.1:9/elsewhere\"}")
                .patch(endpointPath).then().statusCode(403);
        as(sam).header(Caller.TENANT_HEADER, DEMO_TENANT).get(endpointPath).then().statusCode(200)
                .body("url", equalTo("http://127.0.0.1:9/hook"));
        as(sam).get("/api/v1/audit?action=message.resend&targetId=" + message).then().statusCode(200)
                .body("data[0].actor", equalTo("sam")).body("data[0].actorRole", equalTo("support"))
                .body("data[0].tenantId", equalTo(DEMO_TENANT));
    }

    @Test
    void portalTokensWorkUntilRevokedOrExpired() {
        String alice = KeycloakTokens.password("alice");
        var grant = as(alice).post("/api/v1/apps/globex/portal-access").then().statusCode(201).extract();
        String token = grant.path("token");

        as(token).get("/api/v1/apps/globex/endpoints").then().statusCode(200);
        String expired = new PortalTokenCodec(new SecretBox(Base64.getDecoder().decode(TEST_MASTER_KEY))
                .derive("herald-portal-token-v1"))
                .encode(new PortalTokenCodec.Claims(grant.path("id"), DEMO_TENANT, app, Instant.now().minusSeconds(1)));
        as(expired).get("/api/v1/apps/globex/endpoints").then().statusCode(401);

        as(alice).delete("/api/v1/apps/globex/portal-access/" + grant.path("id")).then().statusCode(204);
        as(token).get("/api/v1/apps/globex/endpoints").then().statusCode(401);
    }

    @Test
    void aTokenWithATamperedSignatureIsRefused() {
        String token = KeycloakTokens.password("pat");
        int at = token.lastIndexOf('.') + 10;
        String forged = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);

        as(forged).get("/api/v1/tenants").then().statusCode(401).contentType("application/problem+json")
                .body("type", equalTo("https://herald.dev/problems/unauthorized"));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        String adminCli = RestAssured.given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "admin-cli")
                .formParam("username", "pat").formParam("password", "pat-password")
                .post(KeycloakTokens.tokenUrl()).then().statusCode(200).extract().path("access_token");

        as(adminCli).get("/api/v1/tenants").then().statusCode(401);
    }

    @Test
    void apiKeysAndTheAdminTokenKeepWorkingBesideKeycloak() {
        TestTenants.asAdmin().get("/api/v1/tenants").then().statusCode(200);
        var tenant = TestTenants.aTenant("Keys beside Keycloak");
        tenant.request().get("/api/v1/apps").then().statusCode(200);
        tenant.request().get("/api/v1/tenants").then().statusCode(403);
    }

    private void sql(String statement, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
