package dev.herald.e2e;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Drives a running Herald through its public API only, as a tenant's backend would. */
final class HeraldClient {

    private static final Pattern MESSAGE_ID = Pattern.compile("\"id\"\\s*:\\s*\"(msg_[^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String baseUri;
    private final String apiKey;

    private HeraldClient(String baseUri, String apiKey) {
        this.baseUri = baseUri;
        this.apiKey = apiKey;
    }

    /** A new tenant with an API key, an event type {@code e2e.ping} and one application {@code e2e}. */
    static HeraldClient newTenant(String baseUri) {
        RequestSpecification admin = given().baseUri(baseUri).auth().oauth2(PackagedHerald.ADMIN_TOKEN)
                .contentType(ContentType.JSON);
        String tenant = admin.body("{\"name\":\"e2e\"}").post("/api/v1/tenants")
                .then().statusCode(201).extract().path("id");
        String key = given().baseUri(baseUri).auth().oauth2(PackagedHerald.ADMIN_TOKEN).contentType(ContentType.JSON)
                .body("{\"name\":\"e2e\"}").post("/api/v1/tenants/" + tenant + "/api-keys")
                .then().statusCode(201).extract().path("token");
        HeraldClient client = new HeraldClient(baseUri, key);
        client.request().body("{\"name\":\"e2e.ping\",\"description\":\"end-to-end\"}").post("/api/v1/event-types")
                .then().statusCode(201);
        client.request().body("{\"name\":\"e2e\",\"uid\":\"e2e\"}").post("/api/v1/apps").then().statusCode(201);
        return client;
    }

    /** The same tenant, talking to another instance. */
    HeraldClient via(String otherBaseUri) {
        return new HeraldClient(otherBaseUri, apiKey);
    }

    String addEndpoint(String url) {
        return request().body("{\"url\":\"" + url + "\"}").post("/api/v1/apps/e2e/endpoints")
                .then().statusCode(201).extract().path("id");
    }

    RequestSpecification request() {
        return given().baseUri(baseUri).auth().oauth2(apiKey).contentType(ContentType.JSON);
    }

    /**
     * Sends {@code count} messages from {@code threads} threads; returns the ids Herald acknowledged with 202
     * (only those are promised to be delivered).
     */
    List<String> send(int count, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                answers.add(pool.submit(() -> sendOne(n)));
            }
            List<String> ids = Collections.synchronizedList(new ArrayList<>());
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            return ids;
        } catch (Exception e) {
            throw new IllegalStateException("Sending messages failed", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private String sendOne(int n) throws IOException, InterruptedException {
        String body = "{\"eventType\":\"e2e.ping\",\"payload\":{\"n\":" + n + "}}";
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + "/api/v1/apps/e2e/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher id = MESSAGE_ID.matcher(answer.body());
        if (answer.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("Message " + n + " was refused: " + answer.statusCode() + " " + answer.body());
        }
        return id.group(1);
    }
}
