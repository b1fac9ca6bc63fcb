package dev.herald.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.in;
import static org.hamcrest.Matchers.not;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.AttributeType;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Support's desk, as a support person serving two tenants ({@link SupportFixture}). */
@QuarkusTest
class SupportResourceTest {

    @Inject
    AgroalDataSource db;

    private SupportFixture fixture;

    @BeforeEach
    void threeTenants() {
        fixture = new SupportFixture(db);
    }

    @Test
    @TestSecurity(user = "sam", roles = "support", attributes = @SecurityAttribute(key = "tenant_ids",
            value = SupportFixture.SERVED_TENANTS, type = AttributeType.STRING_SET))
    void supportFindsMessagesAcrossTheTenantsItServesAndNoOthers() {
        given().get("/api/v1/support/messages?limit=250").then().statusCode(200)
                .body("data.id", hasItems(fixture.served.message(), fixture.alsoServed.message()))
                .body("data.id", not(hasItem(fixture.notServed.message())))
                .body("data.tenantId", everyItem(in(List.of(SupportFixture.SERVED, SupportFixture.ALSO_SERVED))));
    }

    @Test
    @TestSecurity(user = "sam", roles = "support", attributes = @SecurityAttribute(key = "tenant_ids",
            value = SupportFixture.SERVED_TENANTS, type = AttributeType.STRING_SET))
    void supportSearchesByMessageEventAppEndpointStatusAndTime() {
        SupportFixture.Tenant t = fixture.alsoServed;

        given().get("/api/v1/support/messages?msgId=" + t.message()).then().statusCode(200)
                .body("data.id", equalTo(List.of(t.message())))
                .body("data[0].appUid", equalTo(t.appUid())).body("data[0].tenantId", equalTo(t.id()));
        given().get("/api/v1/support/messages?eventId=evt-" + t.message()).then().body("data.id",
                equalTo(List.of(t.message())));
        given().get("/api/v1/support/messages?appUid=" + t.appUid()).then().body("data.id",
                equalTo(List.of(t.message())));
        given().get("/api/v1/support/messages?endpointId=" + t.endpoint() + "&status=exhausted").then()
                .body("data.id", equalTo(List.of(t.message())));
        given().get("/api/v1/support/messages?endpointId=" + t.endpoint() + "&status=succeeded").then()
                .body("data", empty());
        given().get("/api/v1/support/messages?appUid=" + t.appUid() + "&since=" + Instant.now()).then()
                .body("data", empty());
        given().get("/api/v1/support/messages?appUid=" + t.appUid() + "&until=" + Instant.now()).then()
                .body("data.id", equalTo(List.of(t.message())));
        given().get("/api/v1/support/messages?appUid=" + fixture.notServed.appUid()).then().body("data", empty());
        given().get("/api/v1/support/messages?status=lost").then().statusCode(422);
        given().get("/api/v1/support/messages?since=yesterday").then().statusCode(422);
        given().get("/api/v1/support/messages?tenantId=" + SupportFixture.NOT_SERVED).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "sam", roles = "support", attributes = @SecurityAttribute(key = "tenant_ids",
            value = SupportFixture.SERVED_TENANTS, type = AttributeType.STRING_SET))
    void supportSeesAMessagesDeliveriesAndAttempts() {
        SupportFixture.Tenant t = fixture.served;

        given().get("/api/v1/support/messages/" + t.message()).then().statusCode(200)
                .body("tenantId", equalTo(t.id())).body("appId", equalTo(t.app()))
                .body("message.id", equalTo(t.message())).body("message.payload.n", equalTo(1))
                .body("deliveries[0].endpointId", equalTo(t.endpoint()))
                .body("deliveries[0].state", equalTo("exhausted"))
                .body("attempts[0].statusCode", equalTo(500));
        given().get("/api/v1/support/messages/" + fixture.notServed.message()).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @TestSecurity(user = "sam", roles = "support", attributes = @SecurityAttribute(key = "tenant_ids",
            value = SupportFixture.SERVED_TENANTS, type = AttributeType.STRING_SET))
    void supportResendsAndRecoversAndTheAuditLogSaysItWasSupport() {
        SupportFixture.Tenant t = fixture.alsoServed;

        given().header("X-Request-Id", "support-req-1")
                .post("/api/v1/support/messages/" + t.message() + "/endpoints/" + t.endpoint() + "/resend")
                .then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"since\":\"" + Instant.now().minusSeconds(3600) + "\"}")
                .post("/api/v1/support/endpoints/" + fixture.served.endpoint() + "/recover")
                .then().statusCode(202).body("recovered", equalTo(1));

        given().get("/api/v1/audit?targetId=" + t.message()).then().statusCode(200)
                .body("data[0].action", equalTo("message.resend"))
                .body("data[0].tenantId", equalTo(t.id()))
                .body("data[0].actor", equalTo("sam"))
                .body("data[0].actorRole", equalTo("support"))
                .body("data[0].requestId", equalTo("support-req-1"));
        given().get("/api/v1/audit?action=endpoint.recover&targetId=" + fixture.served.endpoint()).then()
                .body("data[0].tenantId", equalTo(SupportFixture.SERVED)).body("data[0].actor", equalTo("sam"));
        given().get("/api/v1/audit?limit=250").then()
                .body("data.tenantId", everyItem(in(List.of(SupportFixture.SERVED, SupportFixture.ALSO_SERVED))));
    }

    @Test
    @TestSecurity(user = "sam", roles = "support", attributes = @SecurityAttribute(key = "tenant_ids",
            value = SupportFixture.SERVED_TENANTS, type = AttributeType.STRING_SET))
    void supportCannotRedeliverInATenantItDoesNotServe() {
        SupportFixture.Tenant t = fixture.notServed;

        given().post("/api/v1/support/messages/" + t.message() + "/endpoints/" + t.endpoint() + "/resend")
                .then().statusCode(404);
        given().contentType(ContentType.JSON).body("{\"since\":\"" + Instant.now().minusSeconds(3600) + "\"}")
                .post("/api/v1/support/endpoints/" + t.endpoint() + "/recover").then().statusCode(404);
        given().get("/api/v1/audit?tenantId=" + SupportFixture.NOT_SERVED).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "alice", roles = "tenant-admin", attributes = @SecurityAttribute(key = "tenant_id",
            value = SupportFixture.SERVED))
    void aTenantAdminHasNoSupportDeskAndReadsOnlyItsOwnAudit() {
        given().get("/api/v1/support/messages").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/audit?limit=250").then().statusCode(200)
                .body("data.tenantId", everyItem(equalTo(SupportFixture.SERVED)));
        given().get("/api/v1/audit?tenantId=" + SupportFixture.ALSO_SERVED).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "nobody", roles = "support")
    void supportServingNoTenantIsForbidden() {
        given().get("/api/v1/support/messages").then().statusCode(403);
        given().get("/api/v1/audit").then().statusCode(403);
    }
}
