package dev.herald.operational;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.standardwebhooks.Webhook;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import dev.herald.local.EmbeddedPostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Operational webhooks through the public API against real receivers on 127.0.0.1: the tenant's own endpoint is
 * told, with a verifiable signature, when a delivery is exhausted, recovered, or an endpoint is disabled.
 */
@QuarkusTest
class OperationalWebhooksTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Receiver receiver;
    private TenantKey tenant;

    @BeforeEach
    void aTenantWithAnApplication() {
        receiver = new Receiver();
        tenant = TestTenants.aTenant("Ops");
        tenant.request().body("{\"name\":\"invoice.paid\"}").post("/api/v1/event-types").then().statusCode(201);
        tenant.request().body("{\"name\":\"Globex\",\"uid\":\"globex\"}").post("/api/v1/apps").then().statusCode(201);
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void theTenantManagesItsOperationalEndpoints() {
        String id = tenant.request()
                .body("{\"url\":\"" + receiver.url("/ops") + "\",\"filterTypes\":[\"endpoint.disabled\"]}")
                .post("/api/v1/operational-webhooks/endpoints")
                .then().statusCode(201).body("id", startsWith("ep_"))
                .body("filterTypes", contains("endpoint.disabled")).extract().path("id");

        tenant.request().get("/api/v1/operational-webhooks/endpoints").then().statusCode(200)
                .body("data.id", contains(id));
        tenant.request().get("/api/v1/operational-webhooks/endpoints/" + id).then().statusCode(200)
                .body("url", equalTo(receiver.url("/ops")));
        tenant.request().get("/api/v1/operational-webhooks/endpoints/" + id + "/secret").then().statusCode(200)
                .body("key", startsWith("whsec_"));
        TestTenants.aTenant("Stranger").request().get("/api/v1/operational-webhooks/endpoints/" + id)
                .then().statusCode(404);
        tenant.request().get("/api/v1/audit?action=operational-endpoint.create").then().statusCode(200)
                .body("data.targetId", hasItem(id));

        tenant.request().delete("/api/v1/operational-webhooks/endpoints/" + id).then().statusCode(204);
        tenant.request().get("/api/v1/operational-webhooks/endpoints/" + id).then().statusCode(404);
    }

    @Test
    void anUnknownEventTypeOrABadUrlIsRefused() {
        tenant.request().body("{\"url\":\"" + receiver.url("/ops") + "\",\"filterTypes\":[\"invoice.paid\"]}")
                .post("/api/v1/operational-webhooks/endpoints")
                .then().statusCode(422).body("errors[0].field", equalTo("filterTypes[0]"));
        tenant.request().body("{\"url\":\"ftp://example.com/x\"}").post("/api/v1/operational-webhooks/endpoints")
                .then().statusCode(422).body("errors[0].field", equalTo("url"));
        tenant.request().body("{\"url\":\"" + receiver.url("/ops") + "\",\"secret\":\"nope\"}")
                .post("/api/v1/operational-webhooks/endpoints")
                .then().statusCode(422).body("errors[0].field", equalTo("secret"));
    }

    @Test
    void anExhaustedDeliveryIsAnnouncedAndItsRecoveryAfterAResendToo() throws Exception {
        String secret = operationalEndpoint("/ops");
        receiver.answer("/flaky", 500);
        String endpoint = endpoint("/flaky");
        String message = send();

        JsonNode exhausted = awaitEvent("/ops", "message.attempt.exhausted");
        assertThat(exhausted.at("/data/msgId").asText()).isEqualTo(message);
        assertThat(exhausted.at("/data/endpointId").asText()).isEqualTo(endpoint);
        assertThat(exhausted.at("/data/lastAttempt/responseStatusCode").asInt()).isEqualTo(500);
        receiver.verify("/ops", "message.attempt.exhausted", secret);

        receiver.answer("/flaky", 200);
        tenant.request().post("/api/v1/apps/globex/messages/" + message + "/endpoints/" + endpoint + "/resend")
                .then().statusCode(202);

        JsonNode recovered = awaitEvent("/ops", "message.attempt.recovered");
        assertThat(recovered.at("/data/msgId").asText()).isEqualTo(message);
        assertThat(recovered.at("/data/lastAttempt/responseStatusCode").asInt()).isEqualTo(200);
        tenant.request().get("/api/v1/apps/globex/messages/" + message + "/attempts").then().statusCode(200)
                .body("data[0].trigger", equalTo("manual")).body("data[0].outcome", equalTo("succeeded"));
    }

    @Test
    void anExhaustionTheEngineRecordedButNeverAnnouncedIsAnnouncedOnceByTheWatcher() throws Exception {
        operationalEndpoint("/ops", "message.attempt.exhausted");
        receiver.answer("/quiet", 204);
        String endpoint = endpoint("/quiet");
        String message = send();
        await("delivered").atMost(PATIENCE).until(() -> state(message).equals("succeeded"));

        // What a crash right after recording the last failed attempt leaves behind: exhausted, and marked as not yet
        // announced, with no event queued.
        sql("update delivery set state = 'exhausted', exhaustion_unannounced = true where message_id = '"
                + message + "'");

        JsonNode exhausted = awaitEvent("/ops", "message.attempt.exhausted");
        assertThat(exhausted.at("/data/msgId").asText()).isEqualTo(message);
        assertThat(exhausted.at("/data/endpointId").asText()).isEqualTo(endpoint);
        await("the mark cleared").atMost(PATIENCE).until(() -> !marked(message));
        assertThat(receiver.types("/ops")).containsOnlyOnce("message.attempt.exhausted");
    }

    @Test
    void anEndpointTheEngineDisabledButNeverAnnouncedIsAnnouncedOnceByTheWatcher() throws Exception {
        operationalEndpoint("/ops", "endpoint.disabled");
        String endpoint = endpoint("/quiet");

        // What a crash right after the disabling statement leaves behind: disabled, marked, no event queued.
        sql("update endpoint set disabled = true, disabled_reason = 'every delivery failed', disabled_at = now(), "
                + "disable_unannounced = true where id = '" + endpoint + "'");

        JsonNode disabled = awaitEvent("/ops", "endpoint.disabled");
        assertThat(disabled.at("/data/endpointId").asText()).isEqualTo(endpoint);
        assertThat(disabled.at("/data/reason").asText()).isEqualTo("every delivery failed");
        tenant.request().get("/api/v1/audit?action=endpoint.disable&targetId=" + endpoint).then().statusCode(200)
                .body("data[0].actor", equalTo("herald"));
        assertThat(receiver.types("/ops")).containsOnlyOnce("endpoint.disabled");
    }

    @Test
    void anEndpointDisabledByA410IsAnnouncedOnlyToEndpointsThatWantIt() throws Exception {
        String secret = operationalEndpoint("/ops-disabled", "endpoint.disabled");
        operationalEndpoint("/ops-exhausted", "message.attempt.exhausted");
        receiver.answer("/gone", 410);
        String endpoint = endpoint("/gone");
        send();

        JsonNode disabled = awaitEvent("/ops-disabled", "endpoint.disabled");
        assertThat(disabled.at("/data/endpointId").asText()).isEqualTo(endpoint);
        assertThat(disabled.at("/data/reason").asText()).contains("410");
        receiver.verify("/ops-disabled", "endpoint.disabled", secret);
        assertThat(receiver.types("/ops-exhausted")).doesNotContain("endpoint.disabled");
        tenant.request().get("/api/v1/audit?action=endpoint.disable&targetId=" + endpoint).then().statusCode(200)
                .body("data[0].actor", equalTo("herald"));
    }

    @Test
    void theOperationalApplicationIsNotOneOfTheTenantsApplications() {
        operationalEndpoint("/ops");

        tenant.request().get("/api/v1/apps").then().statusCode(200)
                .body("data.uid", not(hasItem(OperationalApp.UID)));
        tenant.request().get("/api/v1/apps/" + OperationalApp.UID).then().statusCode(404);
    }

    private static String state(String message) throws SQLException {
        try (Connection c = database(); ResultSet row = c.createStatement()
                .executeQuery("select state from delivery where message_id = '" + message + "'")) {
            return row.next() ? row.getString(1) : "";
        }
    }

    private static boolean marked(String message) throws SQLException {
        try (Connection c = database(); ResultSet row = c.createStatement().executeQuery(
                "select exhaustion_unannounced from delivery where message_id = '" + message + "'")) {
            return row.next() && row.getBoolean(1);
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection c = database()) {
            c.createStatement().executeUpdate(statement);
        }
    }

    private static Connection database() throws SQLException {
        return DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(), "postgres", "");
    }

    private String operationalEndpoint(String path, String... types) {
        receiver.answer(path, 204);
        String filter = types.length == 0 ? "" : ",\"filterTypes\":[\"" + String.join("\",\"", types) + "\"]";
        String id = tenant.request().body("{\"url\":\"" + receiver.url(path) + "\"" + filter + "}")
                .post("/api/v1/operational-webhooks/endpoints").then().statusCode(201).extract().path("id");
        return tenant.request().get("/api/v1/operational-webhooks/endpoints/" + id + "/secret").then()
                .statusCode(200).extract().path("key");
    }

    private String endpoint(String path) {
        return tenant.request().body("{\"url\":\"" + receiver.url(path) + "\"}").post("/api/v1/apps/globex/endpoints")
                .then().statusCode(201).extract().path("id");
    }

    private String send() {
        return tenant.request().body("{\"eventType\":\"invoice.paid\",\"payload\":{\"id\":\"in_1\"}}")
                .post("/api/v1/apps/globex/messages").then().statusCode(202).extract().path("id");
    }

    private JsonNode awaitEvent(String path, String type) {
        return await(type + " at " + path).atMost(PATIENCE)
                .until(() -> receiver.bodies(path).stream().map(OperationalWebhooksTest::parse)
                        .filter(body -> body.path("type").asText().equals(type)).findFirst().orElse(null),
                        body -> body != null);
    }

    private static JsonNode parse(Received request) {
        try {
            return JSON.readTree(request.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Received(Map<String, List<String>> headers, String body) {
    }

    /** A receiver on 127.0.0.1 that answers each path with a chosen status and keeps every request. */
    static final class Receiver implements AutoCloseable {

        private final HttpServer server;
        private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
        private final Map<String, List<Received>> received = new ConcurrentHashMap<>();

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void answer(String path, int status) {
            statuses.put(path, status);
        }

        List<Received> bodies(String path) {
            return received.getOrDefault(path, List.of());
        }

        List<String> types(String path) {
            return bodies(path).stream().map(r -> parse(r).path("type").asText()).toList();
        }

        /** Verifies the first request of that type with the official Standard Webhooks library. */
        void verify(String path, String type, String secret) throws Exception {
            Received request = bodies(path).stream().filter(r -> parse(r).path("type").asText().equals(type))
                    .findFirst().orElseThrow();
            new Webhook(secret).verify(request.body(), HttpHeaders.of(request.headers(), (a, b) -> true));
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, List<String>> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
                received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new Received(headers, body));
                exchange.sendResponseHeaders(statuses.getOrDefault(path, 404), -1);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
