package dev.herald.eventtype;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.herald.auth.Caller;
import dev.herald.support.SupportFixture;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.AttributeType;
import io.quarkus.test.security.SecurityAttribute;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who may read the catalogue document and who may import: reading as for event types, importing as for changes. */
@QuarkusTest
class CatalogueRolesTest {

    private static final String DOCUMENT = """
            {"openapi":"3.1.0","webhooks":{"a.b":{"post":{"requestBody":{"content":{"application/json":{}}}}}}}""";

    @Inject
    AgroalDataSource db;

    @BeforeEach
    void tenants() {
        new SupportFixture(db);
    }

    @Test
    @TestSecurity(user = "dave", roles = "customer", attributes = @SecurityAttribute(key = "tenant_id",
            value = SupportFixture.SERVED))
    void aCustomerReadsItsTenantsCatalogueButCannotImport() {
        given().get("/api/v1/event-types/openapi.json").then().statusCode(200)
                .body("info.title", equalTo(SupportFixture.SERVED + " webhooks"));
        given().get("/api/v1/event-types/openapi.yaml").then().statusCode(200);
        given().contentType(ContentType.JSON).body(DOCUMENT).post("/api/v1/event-types/import").then()
                .statusCode(403);
    }

    @Test
    @TestSecurity(user = "sam", roles = "support", attributes = @SecurityAttribute(key = "tenant_ids",
            value = SupportFixture.SERVED_TENANTS, type = AttributeType.STRING_SET))
    void supportReadsTheCatalogueOfATenantItServesButCannotImport() {
        given().header(Caller.TENANT_HEADER, SupportFixture.SERVED).get("/api/v1/event-types/openapi.json")
                .then().statusCode(200);
        given().header(Caller.TENANT_HEADER, SupportFixture.NOT_SERVED).get("/api/v1/event-types/openapi.json")
                .then().statusCode(404);
        given().header(Caller.TENANT_HEADER, SupportFixture.SERVED).contentType(ContentType.JSON).body(DOCUMENT)
                .post("/api/v1/event-types/import").then().statusCode(403);
    }
}
