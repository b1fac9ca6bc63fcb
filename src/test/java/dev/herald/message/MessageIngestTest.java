package dev.herald.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import dev.herald.local.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MessageIngestTest {

    private TenantKey tenant;
    private String appId;

    @BeforeEach
    void aTenantWithAnAppAndEventTypes() {
        tenant = TestTenants.aTenant("Ingest");
        for (String type : List.of("invoice.paid", "invoice.voided", "user.created")) {
            tenant.request().body("{\"name\":\"" + type + "\",\"description\":\"" + type + "\"}")
                    .post("/api/v1/event-types").then().statusCode(201);
        }
        appId = tenant.request().body("{\"name\":\"Customer\",\"uid\":\"cust-1\"}").post("/api/v1/apps")
                .then().statusCode(201).extract().path("id");
    }

    @Test
    void anAcceptedMessageIsStoredWithOneDeliveryPerMatchingEndpoint() throws SQLException {
        String all = endpoint("{\"url\":\"http://127.0.0.1:9/all\"}");
        String paidOnly = endpoint("{\"url\":\"http://127.0.0.1:9/paid\",\"filterTypes\":[\"invoice.paid\"]}");
        endpoint("{\"url\":\"http://127.0.0.1:9/users\",\"filterTypes\":[\"user.created\"]}");
        endpoint("{\"url\":\"http://127.0.0.1:9/off\",\"disabled\":true}");
        String eu = endpoint("{\"url\":\"http://127.0.0.1:9/eu\",\"channels\":[\"eu\"]}");
        endpoint("{\"url\":\"http://127.0.0.1:9/us\",\"channels\":[\"us\"]}");

        String id = tenant.request().body("{\"eventType\":\"invoice.paid\",\"payload\":{\"amount\":42},"
                + "\"channels\":[\"eu\"]}").post("/api/v1/apps/" + appId + "/messages")
                .then().statusCode(202).body("id", startsWith("msg_")).body("eventType", equalTo("invoice.paid"))
                .body("payload.amount", equalTo(42)).body("channels", equalTo(List.of("eu")))
                .extract().path("id");

        assertThat(deliveryEndpoints(id)).containsExactlyInAnyOrder(all, paidOnly, eu);
    }

    @Test
    void aMessageWithoutChannelsReachesOnlyEndpointsWithoutChannels() throws SQLException {
        String all = endpoint("{\"url\":\"http://127.0.0.1:9/all\"}");
        endpoint("{\"url\":\"http://127.0.0.1:9/eu\",\"channels\":[\"eu\"]}");

        String id = send("{\"eventType\":\"invoice.paid\",\"payload\":{}}");

        assertThat(deliveryEndpoints(id)).containsExactly(all);
    }

    @Test
    void theAppCanBeAddressedByTheTenantsOwnUid() {
        tenant.request().body("{\"eventType\":\"invoice.paid\",\"payload\":{\"a\":1}}")
                .post("/api/v1/apps/cust-1/messages").then().statusCode(202);
        tenant.request().get("/api/v1/apps/cust-1/messages").then().statusCode(200).body("data", hasSize(1));
    }

    @Test
    void theSameIdempotencyKeyAnswersWithTheFirstMessage() {
        String body = "{\"eventType\":\"invoice.paid\",\"payload\":{\"n\":1}}";
        String first = tenant.request().header("Idempotency-Key", "key-1").body(body)
                .post("/api/v1/apps/" + appId + "/messages").then().statusCode(202).extract().path("id");

        tenant.request().header("Idempotency-Key", "key-1").body(body).post("/api/v1/apps/" + appId + "/messages")
                .then().statusCode(202).header("Idempotent-Replayed", "true").body("id", equalTo(first));
        tenant.request().get("/api/v1/apps/" + appId + "/messages").then().body("data", hasSize(1));
    }

    @Test
    void anIdempotencyKeyReusedForADifferentRequestIsRefused() {
        tenant.request().header("Idempotency-Key", "key-2").body("{\"eventType\":\"invoice.paid\",\"payload\":{}}")
                .post("/api/v1/apps/" + appId + "/messages").then().statusCode(202);

        tenant.request().header("Idempotency-Key", "key-2")
                .body("{\"eventType\":\"invoice.paid\",\"payload\":{\"other\":true}}")
                .post("/api/v1/apps/" + appId + "/messages").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://herald.dev/problems/idempotency-key-reused"));
    }

    @Test
    void twoConcurrentRequestsWithTheSameKeyCreateOneMessage() throws Exception {
        endpoint("{\"url\":\"http://127.0.0.1:9/all\"}");
        String body = "{\"eventType\":\"invoice.paid\",\"payload\":{\"race\":true}}";
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<String> racer = () -> {
                    start.await();
                    return tenant.request().header("Idempotency-Key", "race").body(body)
                            .post("/api/v1/apps/" + appId + "/messages").then().statusCode(202).extract().path("id");
                };
                answers.add(pool.submit(racer));
            }
            start.countDown();
            List<String> ids = new ArrayList<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            assertThat(ids).hasSize(racers).containsOnly(ids.get(0));
            assertThat(count("select count(*) from message where app_id = '" + appId + "'")).isEqualTo(1);
            assertThat(count("select count(*) from delivery where app_id = '" + appId + "'")).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theSameEventIdInAnAppAnswersWithTheFirstMessage() {
        String first = send("{\"eventType\":\"invoice.paid\",\"eventId\":\"evt-1\",\"payload\":{\"v\":1}}");

        tenant.request().body("{\"eventType\":\"invoice.paid\",\"eventId\":\"evt-1\",\"payload\":{\"v\":2}}")
                .post("/api/v1/apps/" + appId + "/messages").then().statusCode(202).body("id", equalTo(first))
                .body("payload.v", equalTo(1));
    }

    @Test
    void messagesAreListedNewestFirstWithFiltersAndACursor() {
        String a = send("{\"eventType\":\"invoice.paid\",\"payload\":{},\"channels\":[\"eu\"]}");
        String b = send("{\"eventType\":\"user.created\",\"payload\":{}}");
        String c = send("{\"eventType\":\"invoice.paid\",\"payload\":{}}");

        String iterator = tenant.request().get("/api/v1/apps/" + appId + "/messages?limit=2").then().statusCode(200)
                .body("data.id", equalTo(List.of(c, b))).body("done", equalTo(false)).extract().path("iterator");
        tenant.request().get("/api/v1/apps/" + appId + "/messages?limit=2&iterator=" + iterator).then()
                .body("data.id", equalTo(List.of(a))).body("done", equalTo(true));
        tenant.request().get("/api/v1/apps/" + appId + "/messages?eventType=invoice.paid").then()
                .body("data.id", equalTo(List.of(c, a)));
        tenant.request().get("/api/v1/apps/" + appId + "/messages?channel=eu").then()
                .body("data.id", equalTo(List.of(a)));
        tenant.request().get("/api/v1/apps/" + appId + "/messages?after=2999-01-01T00:00:00Z").then()
                .body("data", hasSize(0));
        tenant.request().get("/api/v1/apps/" + appId + "/messages/" + b).then().statusCode(200)
                .body("eventType", equalTo("user.created"));
    }

    private String send(String body) {
        return tenant.request().body(body).post("/api/v1/apps/" + appId + "/messages").then().statusCode(202)
                .extract().path("id");
    }

    private String endpoint(String body) {
        return tenant.request().body(body).post("/api/v1/apps/" + appId + "/endpoints").then().statusCode(201)
                .extract().path("id");
    }

    static List<String> deliveryEndpoints(String messageId) throws SQLException {
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(), "postgres", "");
                PreparedStatement q = c.prepareStatement("select endpoint_id from delivery where message_id = ?")) {
            q.setString(1, messageId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    static long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(), "postgres", "");
                ResultSet rows = c.createStatement().executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
