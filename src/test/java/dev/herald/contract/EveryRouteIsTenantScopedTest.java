package dev.herald.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The isolation walk: every {@code /api/v1} operation that {@code openapi.yaml} documents (and the drift test ties
 * the file to the served routes) is called with a second tenant's API key and the first tenant's ids, with the
 * request body the spec itself gives as its example. Tenant routes must answer 404, admin routes 403, lists must
 * show none of the first tenant's rows, and afterwards the first tenant's data is untouched.
 */
@QuarkusTest
class EveryRouteIsTenantScopedTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Operation(String method, String path, String securityScheme, JsonNode body, String contentType) {
    }

    @Test
    void anotherTenantsKeyReachesNothingOfTheFirstTenantOnAnyDocumentedRoute() throws IOException {
        TenantKey owner = TestTenants.aTenant("Owner");
        Map<String, String> ids = ownersData(owner);
        TenantKey intruder = TestTenants.aTenant("Intruder");
        List<Operation> operations = documentedOperations();
        assertThat(operations).hasSizeGreaterThan(30);

        List<String> leaks = new ArrayList<>();
        for (Operation operation : operations) {
            if (createsInOwnTenant(operation)) {
                continue; // nothing of the owner's is addressed; the owner's data is checked untouched below
            }
            String path = fill(operation.path(), ids);
            RequestSpecification request = intruder.request();
            if (operation.body() != null) {
                request = request.contentType(operation.contentType()).body(operation.body().toString());
            }
            Response response = request.request(operation.method(), path);
            int expected = expectedStatus(operation);
            boolean answered = response.statusCode() < 300;
            boolean leaked = response.statusCode() != expected
                    || answered && ids.values().stream().anyMatch(id -> response.asString().contains(id));
            if (leaked) {
                leaks.add(operation.method() + " " + path + " -> " + response.statusCode() + " (expected " + expected
                        + "): " + abbreviate(response.asString()));
            }
        }
        assertThat(leaks).as("routes that did not keep tenants apart").isEmpty();

        owner.request().get("/api/v1/apps/" + ids.get("app")).then().statusCode(200);
        owner.request().get("/api/v1/apps/" + ids.get("app") + "/endpoints/" + ids.get("endpoint")).then()
                .statusCode(200);
        owner.request().get("/api/v1/apps/" + ids.get("app") + "/messages/" + ids.get("message")).then()
                .statusCode(200);
        owner.request().get("/api/v1/event-types/" + ids.get("eventType")).then().statusCode(200)
                .body("description", org.hamcrest.Matchers.equalTo("owner's"));
        owner.request().get("/api/v1/operational-webhooks/endpoints/" + ids.get("operationalEndpoint")).then()
                .statusCode(200);
    }

    /** The owner's rows, one of each kind a path can name, keyed by what the path parameters are called. */
    private static Map<String, String> ownersData(TenantKey owner) {
        String type = "isolation.checked";
        owner.request().body("{\"name\":\"" + type + "\",\"description\":\"owner's\"}").post("/api/v1/event-types")
                .then().statusCode(201);
        String app = owner.request().body("{\"name\":\"Owner app\",\"uid\":\"owner-uid-" + System.nanoTime() + "\"}")
                .post("/api/v1/apps").then().statusCode(201).extract().path("id");
        String endpoint = owner.request().body("{\"url\":\"http://127.0.0.1:9/owner\"}")
                .post("/api/v1/apps/" + app + "/endpoints").then().statusCode(201).extract().path("id");
        String message = owner.request().body("{\"eventType\":\"" + type + "\",\"payload\":{\"secret\":\"owner\"}}")
                .post("/api/v1/apps/" + app + "/messages").then().statusCode(202).extract().path("id");
        String operational = owner.request().body("{\"url\":\"http://127.0.0.1:9/ops\"}")
                .post("/api/v1/operational-webhooks/endpoints").then().statusCode(201).extract().path("id");
        String key = TestTenants.asAdmin().get("/api/v1/tenants/" + owner.tenantId() + "/api-keys").then()
                .extract().path("[0].id");
        String portalToken = owner.request().post("/api/v1/apps/" + app + "/portal-access").then().statusCode(201)
                .extract().path("id");
        return Map.of("tenantId", owner.tenantId(), "keyId", key, "eventType", type, "app", app,
                "endpoint", endpoint, "message", message, "operationalEndpoint", operational,
                "portalToken", portalToken);
    }

    private static String fill(String template, Map<String, String> ids) {
        return template.replace("{tenantId}", ids.get("tenantId")).replace("{keyId}", ids.get("keyId"))
                .replace("{name}", ids.get("eventType")).replace("{app}", ids.get("app"))
                .replace("{endpointId}", ids.get("endpoint")).replace("{ep}", ids.get("endpoint"))
                .replace("{msgId}", ids.get("message")).replace("{id}", ids.get("operationalEndpoint"))
                .replace("{tokenId}", ids.get("portalToken"));
    }

    /** Admin routes and the support desk (documented with the oidc scheme only) refuse an API key: 403. */
    private static int expectedStatus(Operation operation) {
        if (operation.securityScheme().equals("adminToken") || operation.securityScheme().equals("oidc")) {
            return 403;
        }
        return operation.path().contains("{") ? 404 : 200;
    }

    /** Creating without naming an existing row; PUT of an event type by name upserts the caller's own type. */
    private static boolean createsInOwnTenant(Operation operation) {
        return !operation.path().contains("{") && !operation.method().equals("GET")
                || operation.path().equals("/api/v1/event-types/{name}") && operation.method().equals("PUT");
    }

    private static List<Operation> documentedOperations() throws IOException {
        JsonNode spec = new YAMLMapper().readTree(Path.of("openapi.yaml").toFile());
        List<Operation> operations = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = spec.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith("/api/v1/")) {
                continue;
            }
            for (String method : List.of("get", "post", "put", "patch", "delete")) {
                JsonNode op = path.getValue().get(method);
                if (op == null) {
                    continue;
                }
                String scheme = op.path("security").path(0).fieldNames().next();
                JsonNode content = op.path("requestBody").path("content");
                String contentType = content.has("application/json") ? "application/json"
                        : content.fieldNames().hasNext() ? content.fieldNames().next() : null;
                JsonNode body = contentType == null ? null : example(content.get(contentType));
                operations.add(new Operation(method.toUpperCase(), path.getKey(), scheme, body, contentType));
            }
        }
        // Deletes last, so that a leaking delete could not hide a leak elsewhere.
        operations.sort(Comparator.comparing(o -> o.method().equals("DELETE")));
        return operations;
    }

    private static JsonNode example(JsonNode media) {
        if (media.has("example")) {
            return media.get("example");
        }
        JsonNode examples = media.path("examples");
        return examples.elements().hasNext() ? examples.elements().next().path("value") : JSON.createObjectNode();
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }
}
