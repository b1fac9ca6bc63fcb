package dev.herald.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the scenarios send to, made through Herald's own API: a tenant, its API key, the event type and groups of
 * applications whose endpoints point at the bench receiver. All endpoints share one secret so the receiver can
 * verify any of them.
 */
final class BenchFixture {

    /** An application and the ids of its endpoints. */
    record App(String id, List<String> endpointIds) {
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final String secret;
    private String tenantId;
    private String token;

    BenchFixture(String baseUrl) {
        this.baseUrl = baseUrl;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.secret = "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    String secret() {
        return secret;
    }

    String token() {
        return token;
    }

    String tenantId() {
        return tenantId;
    }

    /** Creates the tenant, an API key and the {@code invoice.paid} event type (no schema). */
    BenchFixture tenant(String adminToken) throws IOException, InterruptedException {
        tenantId = post(adminToken, "/api/v1/tenants", json.createObjectNode().put("name", "bench")).get("id").asText();
        token = post(adminToken, "/api/v1/tenants/" + tenantId + "/api-keys",
                json.createObjectNode().put("name", "bench")).get("token").asText();
        post(token, "/api/v1/event-types", json.createObjectNode().put("name", "invoice.paid")
                .put("description", "An invoice was paid"));
        return this;
    }

    /** {@code apps} applications with {@code endpointsEach} endpoints each, all at this receiver URL. */
    List<App> apps(String group, int apps, int endpointsEach, String url) throws IOException, InterruptedException {
        List<App> made = new ArrayList<>();
        for (int a = 0; a < apps; a++) {
            String appId = post(token, "/api/v1/apps", json.createObjectNode().put("name", group + " " + a)
                    .put("uid", group + "-" + a)).get("id").asText();
            List<String> endpoints = new ArrayList<>();
            for (int e = 0; e < endpointsEach; e++) {
                ObjectNode endpoint = json.createObjectNode().put("url", url + group + "/" + a + "/" + e)
                        .put("secret", secret);
                endpoints.add(post(token, "/api/v1/apps/" + appId + "/endpoints", endpoint).get("id").asText());
            }
            made.add(new App(appId, endpoints));
        }
        return made;
    }

    private JsonNode post(String bearer, String path, ObjectNode body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body().isEmpty() ? json.nullNode() : json.readTree(response.body());
    }
}
