package dev.herald.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.herald.TestRows;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RedeliveryResourceTest {

    @Inject
    AgroalDataSource db;

    private TestRows rows;
    private TenantKey tenant;
    private String app;
    private String endpoint;

    @BeforeEach
    void anApplicationWithAnEndpoint() {
        rows = new TestRows(db);
        tenant = TestTenants.aTenant("Redelivery");
        app = rows.application(tenant.tenantId());
        endpoint = rows.endpoint(tenant.tenantId(), app, "http://127.0.0.1:9/hook");
    }

    @Test
    void resendQueuesAManualAttemptOfAnExhaustedDeliveryAndAuditsWhoAsked() {
        String message = rows.message(tenant.tenantId(), app, Instant.now().minus(Duration.ofDays(3)));
        rows.delivery(tenant.tenantId(), app, message, endpoint, "exhausted", Instant.now().minus(Duration.ofDays(3)));

        tenant.request().header("X-Request-Id", "req-resend-1")
                .post("/api/v1/apps/" + app + "/messages/" + message + "/endpoints/" + endpoint + "/resend")
                .then().statusCode(202);

        assertThat(rows.count("""
                select count(*) from delivery where message_id = ? and endpoint_id = ? and was_exhausted
                  and (state = 'pending' and next_trigger = 'manual' or state <> 'exhausted')""", message, endpoint))
                .isOne();
        tenant.request().get("/api/v1/audit?targetId=" + message).then().statusCode(200)
                .body("data[0].action", equalTo("message.resend"))
                .body("data[0].actorRole", equalTo("tenant-admin"))
                .body("data[0].requestId", equalTo("req-resend-1"))
                .body("data[0].detail.endpointId", equalTo(endpoint));
    }

    @Test
    void resendCreatesTheDeliveryWhenTheEndpointNeverHadOne() {
        String message = rows.message(tenant.tenantId(), app, Instant.now());

        tenant.request().post("/api/v1/apps/" + app + "/messages/" + message + "/endpoints/" + endpoint + "/resend")
                .then().statusCode(202);

        assertThat(rows.count("select count(*) from delivery where message_id = ? and endpoint_id = ?", message,
                endpoint)).isOne();
    }

    @Test
    void resendWhileAnAttemptIsInFlightIsAConflict() {
        String message = rows.message(tenant.tenantId(), app, Instant.now());
        rows.delivery(tenant.tenantId(), app, message, endpoint, "sending", Instant.now());

        tenant.request().post("/api/v1/apps/" + app + "/messages/" + message + "/endpoints/" + endpoint + "/resend")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void resendToADisabledEndpointIsAConflict() {
        String message = rows.message(tenant.tenantId(), app, Instant.now());
        rows.exec("update endpoint set disabled = true, disabled_reason = 'test' where id = ?", endpoint);

        tenant.request().post("/api/v1/apps/" + app + "/messages/" + message + "/endpoints/" + endpoint + "/resend")
                .then().statusCode(409);
    }

    @Test
    void anotherTenantCannotResendOrRecover() {
        String message = rows.message(tenant.tenantId(), app, Instant.now());
        TenantKey other = TestTenants.aTenant("Intruder");

        other.request().post("/api/v1/apps/" + app + "/messages/" + message + "/endpoints/" + endpoint + "/resend")
                .then().statusCode(404);
        other.request().body("{\"since\":\"" + Instant.now().minus(Duration.ofDays(1)) + "\"}")
                .post("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/recover").then().statusCode(404);
        assertThat(rows.count("select count(*) from delivery where message_id = ?", message)).isZero();
    }

    @Test
    void recoverRequeuesOnlyFinalFailuresCreatedInTheWindow() {
        Instant now = Instant.now();
        String exhausted = aDelivery("exhausted", now.minus(Duration.ofDays(2)));
        String cancelled = aDelivery("cancelled", now.minus(Duration.ofDays(1)));
        String succeeded = aDelivery("succeeded", now.minus(Duration.ofDays(1)));
        String tooOld = aDelivery("exhausted", now.minus(Duration.ofDays(6)));

        tenant.request().body("{\"since\":\"" + now.minus(Duration.ofDays(5)) + "\"}")
                .post("/api/v1/apps/" + app + "/endpoints/" + endpoint + "/recover")
                .then().statusCode(202).body("recovered", equalTo(2));

        assertThat(rows.count("select count(*) from delivery where message_id in (?, ?) and state <> 'exhausted'"
                + " and state <> 'cancelled'", exhausted, cancelled)).isEqualTo(2);
        assertThat(rows.count("select count(*) from delivery where message_id = ? and state = 'succeeded'",
                succeeded)).isOne();
        assertThat(rows.count("select count(*) from delivery where message_id = ? and state = 'exhausted'",
                tooOld)).isOne();
        tenant.request().get("/api/v1/audit?action=endpoint.recover&targetId=" + endpoint).then().statusCode(200)
                .body("data[0].detail.recovered", equalTo(2));
    }

    @Test
    void recoverRefusesAWindowLongerThanFourteenDaysOrBackwards() {
        Instant now = Instant.now();
        String path = "/api/v1/apps/" + app + "/endpoints/" + endpoint + "/recover";

        tenant.request().body("{\"since\":\"" + now.minus(Duration.ofDays(15)) + "\"}").post(path)
                .then().statusCode(422).body("errors[0].field", equalTo("until"));
        tenant.request().body("{\"since\":\"" + now + "\",\"until\":\"" + now.minus(Duration.ofHours(1)) + "\"}")
                .post(path).then().statusCode(422).body("errors[0].field", equalTo("since"));
        tenant.request().body("{}").post(path).then().statusCode(422).body("errors[0].field", equalTo("since"));
        tenant.request().body("{\"since\":\"yesterday\"}").post(path).then().statusCode(422);
    }

    private String aDelivery(String state, Instant createdAt) {
        String message = rows.message(tenant.tenantId(), app, createdAt);
        rows.delivery(tenant.tenantId(), app, message, endpoint, state, createdAt);
        return message;
    }
}
