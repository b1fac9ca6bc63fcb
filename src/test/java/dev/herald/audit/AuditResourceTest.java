package dev.herald.audit;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import dev.herald.TestRows;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AuditResourceTest {

    @Inject
    AgroalDataSource db;

    @Test
    void eachTenantSeesOnlyItsOwnEntriesNewestFirstWithAGeneratedRequestIdWhenNoneWasSent() {
        TestRows rows = new TestRows(db);
        TenantKey tenant = TestTenants.aTenant("Audited");
        String app = rows.application(tenant.tenantId());
        String endpoint = rows.endpoint(tenant.tenantId(), app, "http://127.0.0.1:9/hook");
        String since = Instant.now().minusSeconds(3600).toString();
        for (int i = 0; i < 3; i++) {
            tenant.request().body("{\"since\":\"" + since + "\"}")
                    .post("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/recover").then().statusCode(202);
        }

        String newest = tenant.request().get("/api/v1/audit?action=endpoint.recover&limit=2").then().statusCode(200)
                .body("data", hasSize(2)).body("done", equalTo(false))
                .body("data[0].requestId", matchesPattern("[0-9a-f-]{36}"))
                .body("data[0].targetType", equalTo("endpoint"))
                .extract().path("iterator");
        tenant.request().get("/api/v1/audit?action=endpoint.recover&limit=2&iterator=" + newest).then().statusCode(200)
                .body("data", hasSize(1)).body("done", equalTo(true));
        TestTenants.aTenant("Unrelated").request().get("/api/v1/audit?targetId=" + endpoint).then().statusCode(200)
                .body("data", hasSize(0));
        tenant.request().get("/api/v1/audit?action=message.resend").then().statusCode(200)
                .body("data", hasSize(0));
    }
}
