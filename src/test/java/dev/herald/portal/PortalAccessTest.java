package dev.herald.portal;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import dev.herald.TestRows;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import dev.herald.signing.SecretBox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A tenant hands its customer a portal link; the token in it reaches that one application and nothing else. */
@QuarkusTest
class PortalAccessTest {

    /** The %test master key of application.properties: the portal signing key derives from it. */
    private static final String TEST_MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Inject
    AgroalDataSource db;

    private TestRows rows;
    private TenantKey tenant;
    private String app;
    private String otherApp;
    private String endpoint;
    private String message;

    @BeforeEach
    void aTenantWithTwoApplications() {
        rows = new TestRows(db);
        tenant = TestTenants.aTenant("Portal");
        app = tenant.request().body("{\"name\":\"Globex\",\"uid\":\"globex\"}").post("/api/v1/apps")
                .then().statusCode(201).extract().path("id");
        otherApp = tenant.request().body("{\"name\":\"Initech\",\"uid\":\"initech\"}").post("/api/v1/apps")
                .then().statusCode(201).extract().path("id");
        endpoint = tenant.request().body("{\"url\":\"http://127.0.0.1:9/hook\"}")
                .post("/api/v1/apps/" + app + "/endpoints").then().statusCode(201).extract().path("id");
        message = rows.message(tenant.tenantId(), app, Instant.now());
    }

    @Test
    void aTenantAdminGrantsAShortLivedLinkToOneApplication() {
        Instant before = Instant.now();

        var grant = tenant.request().post("/api/v1/apps/globex/portal-access").then().statusCode(201)
                .body("id", startsWith("pt_"))
                .body("token", startsWith("hpt_"))
                .body("url", startsWith("http://localhost:8080/portal/" + app + "#token=hpt_"))
                .extract();

        Instant expiresAt = Instant.parse(grant.path("expiresAt"));
        assertThat(expiresAt).isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofHours(1)));
        tenant.request().get("/api/v1/apps/" + app + "/portal-access").then().statusCode(200)
                .body("id", hasItem(grant.path("id").toString()));
    }

    @Test
    void theCustomerUsesItsApplicationsEndpointsMessagesAndAttempts() {
        RequestSpecification customer = asCustomer(grant(app));

        customer.get("/api/v1/apps/" + app).then().statusCode(200).body("uid", equalTo("globex"));
        customer.get("/api/v1/apps/globex/endpoints").then().statusCode(200).body("data[0].id", equalTo(endpoint));
        customer.get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/secret").then().statusCode(200);
        customer.body("{\"url\":\"http://127.0.0.1:9/own\"}").post("/api/v1/apps/" + app + "/endpoints")
                .then().statusCode(201);
        customer.get("/api/v1/apps/" + app + "/messages/" + message).then().statusCode(200);
        customer.get("/api/v1/apps/" + app + "/messages/" + message + "/attempts").then().statusCode(200);
        customer.get("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/stats").then().statusCode(200);
        customer.get("/api/v1/event-types").then().statusCode(200);
    }

    @Test
    void anotherApplicationIsNotFoundForTheCustomer() {
        RequestSpecification customer = asCustomer(grant(app));
        String foreignTenantApp = rows.application(rows.tenant());

        customer.get("/api/v1/apps/" + otherApp + "/endpoints").then().statusCode(404)
                .contentType("application/problem+json");
        customer.get("/api/v1/apps/initech").then().statusCode(404);
        customer.get("/api/v1/apps/" + foreignTenantApp + "/messages").then().statusCode(404);
    }

    @Test
    void theCustomerCannotActAsItsTenant() {
        RequestSpecification customer = asCustomer(grant(app));

        customer.get("/api/v1/apps").then().statusCode(403).contentType("application/problem+json");
        customer.body("{\"name\":\"Mine\"}").post("/api/v1/apps").then().statusCode(403);
        customer.body("{\"name\":\"x.y\"}").post("/api/v1/event-types").then().statusCode(403);
        customer.body("{\"eventType\":\"x.y\",\"payload\":{}}").post("/api/v1/apps/" + app + "/messages")
                .then().statusCode(403);
        customer.delete("/api/v1/apps/" + app).then().statusCode(403);
        customer.post("/api/v1/apps/" + app + "/portal-access").then().statusCode(403);
        customer.get("/api/v1/audit").then().statusCode(403);
        customer.get("/api/v1/support/messages").then().statusCode(403);
        customer.get("/api/v1/tenants").then().statusCode(403);
    }

    @Test
    void aRevokedTokenStopsWorkingAndRevokingAllStopsTheRest() {
        var first = tenant.request().post("/api/v1/apps/" + app + "/portal-access").then().statusCode(201).extract();
        String second = grant(app);

        tenant.request().delete("/api/v1/apps/" + app + "/portal-access/" + first.path("id")).then().statusCode(204);

        asCustomer(first.path("token")).get("/api/v1/apps/" + app + "/endpoints").then().statusCode(401)
                .contentType("application/problem+json");
        asCustomer(second).get("/api/v1/apps/" + app + "/endpoints").then().statusCode(200);

        tenant.request().delete("/api/v1/apps/" + app + "/portal-access").then().statusCode(204);

        asCustomer(second).get("/api/v1/apps/" + app + "/endpoints").then().statusCode(401);
        tenant.request().get("/api/v1/audit?action=portal-access.revoke").then().statusCode(200)
                .body("data.size()", equalTo(2)).body("data[0].actorRole", equalTo("tenant-admin"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        String id = tenant.request().post("/api/v1/apps/" + app + "/portal-access").then().statusCode(201)
                .extract().path("id");
        PortalTokenCodec codec = new PortalTokenCodec(
                new SecretBox(Base64.getDecoder().decode(TEST_MASTER_KEY)).derive("herald-portal-token-v1"));
        String expired = codec.encode(new PortalTokenCodec.Claims(id, tenant.tenantId(), app,
                Instant.now().minusSeconds(1)));

        asCustomer(expired).get("/api/v1/apps/" + app + "/endpoints").then().statusCode(401);
    }

    @Test
    void aForgedTokenIsRefused() {
        PortalTokenCodec forger = new PortalTokenCodec(new byte[32]);
        String forged = forger.encode(new PortalTokenCodec.Claims("pt_forged", tenant.tenantId(), otherApp,
                Instant.now().plus(Duration.ofHours(1))));

        asCustomer(forged).get("/api/v1/apps/" + otherApp + "/endpoints").then().statusCode(401);
        asCustomer("hpt_garbage").get("/api/v1/apps/" + app + "/endpoints").then().statusCode(401);
    }

    @Test
    void anotherTenantsApplicationCannotBeGrantedAndForeignTokensCannotBeRevoked() {
        TenantKey other = TestTenants.aTenant("Portal other");
        String id = tenant.request().post("/api/v1/apps/" + app + "/portal-access").then().statusCode(201)
                .extract().path("id");

        other.request().post("/api/v1/apps/" + app + "/portal-access").then().statusCode(404);
        other.request().delete("/api/v1/apps/" + app + "/portal-access/" + id).then().statusCode(404);
    }

    private String grant(String appIdOrUid) {
        return tenant.request().post("/api/v1/apps/" + appIdOrUid + "/portal-access").then().statusCode(201)
                .extract().path("token");
    }

    private static RequestSpecification asCustomer(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
