package dev.herald.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EndpointResourceTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String URL = "http://127.0.0.1:9/hook";

    private TenantKey tenant;
    private String endpoints;

    @BeforeEach
    void aTenantWithAnApplicationAndTwoEventTypes() {
        tenant = TestTenants.aTenant("Endpoints");
        String app = tenant.request().body("{\"name\":\"Customer\"}").post("/api/v1/apps")
                .then().statusCode(201).extract().path("id");
        endpoints = "/api/v1/apps/" + app + "/endpoints";
        for (String type : List.of("invoice.paid", "invoice.voided")) {
            tenant.request().body("{\"name\":\"" + type + "\"}").post("/api/v1/event-types").then().statusCode(201);
        }
    }

    private String create(String body) {
        return tenant.request().body(body).post(endpoints).then().statusCode(201).extract().path("id");
    }

    private List<String> ids() {
        return tenant.request().get(endpoints).then().statusCode(200).extract().path("data.id");
    }

    @Test
    void aTenantCreatesAnEndpointWithEverySettingAndReadsItBack() {
        String id = tenant.request().body("""
                {"url":"%s","description":"Billing","filterTypes":["invoice.paid"],"channels":["eu","project-7"],
                 "rateLimit":20,"headers":{"X-Tenant":"acme"},"metadata":{"team":"billing"}}""".formatted(URL))
                .post(endpoints).then().statusCode(201)
                .body("id", startsWith("ep_")).body("url", equalTo(URL)).body("description", equalTo("Billing"))
                .body("filterTypes", contains("invoice.paid")).body("channels", contains("eu", "project-7"))
                .body("rateLimit", equalTo(20)).body("headers.X-Tenant", equalTo("acme"))
                .body("metadata.team", equalTo("billing")).body("disabled", equalTo(false))
                .body("disabledReason", nullValue()).body("secret", nullValue())
                .extract().path("id");

        tenant.request().get(endpoints + "/" + id).then().statusCode(200)
                .body("filterTypes", contains("invoice.paid")).body("channels", contains("eu", "project-7"));
    }

    @Test
    void anEndpointNeedsOnlyAUrlAndThenAcceptsEverything() {
        tenant.request().body("{\"url\":\"" + URL + "\"}").post(endpoints).then().statusCode(201)
                .body("filterTypes", nullValue()).body("channels", nullValue()).body("rateLimit", nullValue())
                .body("headers", equalTo(Map.of())).body("description", equalTo(""));
    }

    @Test
    void listsPageNewestFirstWithAnIteratorUntilDone() {
        String first = create("{\"url\":\"" + URL + "\"}");
        String second = create("{\"url\":\"" + URL + "\"}");

        String iterator = tenant.request().queryParam("limit", 1).get(endpoints).then().statusCode(200)
                .body("data.id", contains(second)).body("done", equalTo(false)).extract().path("iterator");
        tenant.request().queryParam("limit", 1).queryParam("iterator", iterator).get(endpoints)
                .then().statusCode(200).body("data.id", contains(first)).body("done", equalTo(true));
        tenant.request().queryParam("limit", 0).get(endpoints).then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void putReplacesTheSettingsAndCanDisableWithAReason() {
        String id = create("{\"url\":\"" + URL + "\",\"channels\":[\"eu\"],\"rateLimit\":5}");

        tenant.request().body("{\"url\":\"http://127.0.0.1:10/other\",\"disabled\":true}").put(endpoints + "/" + id)
                .then().statusCode(200).body("url", equalTo("http://127.0.0.1:10/other"))
                .body("channels", nullValue()).body("rateLimit", nullValue()).body("disabled", equalTo(true))
                .body("disabledReason", equalTo("disabled by API")).body("disabledAt", notNullValue());
        tenant.request().body("{\"url\":\"" + URL + "\"}").put(endpoints + "/" + id)
                .then().statusCode(200).body("disabled", equalTo(true));
        tenant.request().body("{\"url\":\"" + URL + "\",\"disabled\":false}").put(endpoints + "/" + id)
                .then().statusCode(200).body("disabled", equalTo(false)).body("disabledReason", nullValue())
                .body("disabledAt", nullValue());
    }

    @Test
    void patchChangesOnlyThePresentFieldsAndNullMeansAll() {
        String id = create("{\"url\":\"" + URL + "\",\"filterTypes\":[\"invoice.paid\"],\"channels\":[\"eu\"],"
                + "\"description\":\"keep me\"}");

        tenant.request().body("{\"filterTypes\":null,\"disabled\":true}").patch(endpoints + "/" + id)
                .then().statusCode(200).body("filterTypes", nullValue()).body("channels", contains("eu"))
                .body("description", equalTo("keep me")).body("url", equalTo(URL))
                .body("disabledReason", equalTo("disabled by API"));
        tenant.request().body("{\"url\":\"http://10.1.2.3/\"}").patch(endpoints + "/" + id)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("url"));
        tenant.request().body("{\"url\":null}").patch(endpoints + "/" + id)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("url"));

        tenant.request().get(endpoints + "/" + id).then().body("url", equalTo(URL));
    }

    @Test
    void deleteRemovesTheEndpoint() {
        String id = create("{\"url\":\"" + URL + "\"}");

        tenant.request().delete(endpoints + "/" + id).then().statusCode(204);

        tenant.request().get(endpoints + "/" + id).then().statusCode(404).contentType(PROBLEM);
        tenant.request().get(endpoints + "/" + id + "/secret").then().statusCode(404).contentType(PROBLEM);
        assertThat(ids()).isEmpty();
    }

    @Test
    void urlsThatAreNotAbsoluteHttpOrCarryCredentialsOrPointInsideAreRefusedNamingUrl() {
        List<String> refused = List.of("/relative/path", "not a url", "ftp://example.com/hook",
                "https://user:secret@example.com/hook", "http://10.1.2.3/", "http://169.254.169.254/latest/meta-data",
                "http://100.64.0.1/", "http://0.0.0.0/", "http://[fc00::1]/", "http://192.168.1.1/",
                "http://[::ffff:10.0.0.1]/", "http://[fe80::1]/");
        for (String url : refused) {
            tenant.request().body("{\"url\":\"" + url + "\"}").post(endpoints)
                    .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("url"));
        }
        assertThat(ids()).isEmpty();
    }

    @Test
    void missingRequiredFieldsAndBadShapesAreRefusedListingFields() {
        tenant.request().body("{}").post(endpoints)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("url"));
        tenant.request().body("{\"url\":\"  \",\"rateLimit\":0}").post(endpoints)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", containsInAnyOrder("url", "rateLimit"));
        tenant.request().body("{\"url\":\"" + URL + "\",\"rateLimit\":-3}").post(endpoints)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("rateLimit"));
        tenant.request().body("{\"url\":\"" + URL + "\",\"channels\":[]}").post(endpoints)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("channels"));
        tenant.request().body("{\"url\":\"" + URL + "\",\"channels\":"
                + "[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\",\"j\",\"k\"]}").post(endpoints)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("channels"));
        tenant.request().body("{\"url\":\"" + URL + "\",\"channels\":[\"ok\",\"not ok!\"]}").post(endpoints)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("channels[1]"));
        tenant.request().body("{\"url\":\"" + URL + "\",\"headers\":\"x\"}").post(endpoints)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("headers"));
        assertThat(ids()).isEmpty();
    }

    @Test
    void reservedHeadersAreRefusedWhateverTheirCase() {
        for (String header : List.of("webhook-signature", "Webhook-Id", "Content-Type", "content-length", "HOST",
                "User-Agent", "Connection", "Transfer-Encoding")) {
            tenant.request().body("{\"url\":\"" + URL + "\",\"headers\":{\"" + header + "\":\"x\"}}").post(endpoints)
                    .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("headers." + header));
        }
        tenant.request().body("{\"url\":\"" + URL + "\",\"headers\":{\"X-Ok\":\"a\\r\\nInjected: b\"}}")
                .post(endpoints).then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", contains("headers.X-Ok"));
        assertThat(ids()).isEmpty();
    }

    @Test
    void filterTypesMustBeActiveEventTypesOfTheTenant() {
        tenant.request().delete("/api/v1/event-types/invoice.voided").then().statusCode(204);

        tenant.request().body("{\"url\":\"" + URL + "\",\"filterTypes\":[\"invoice.paid\",\"no.such\"]}")
                .post(endpoints).then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("filterTypes"))
                .body("errors[0].message", containsString("no.such"));
        tenant.request().body("{\"url\":\"" + URL + "\",\"filterTypes\":[\"invoice.voided\"]}")
                .post(endpoints).then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("filterTypes"));
        tenant.request().body("{\"url\":\"" + URL + "\",\"filterTypes\":[]}")
                .post(endpoints).then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("filterTypes"));
        assertThat(ids()).isEmpty();
    }

    @Test
    void everyProblemOfOneRequestIsListedTogether() {
        tenant.request().body("{\"url\":\"http://10.1.2.3/\",\"filterTypes\":[\"nope\"],\"headers\":{\"Host\":\"x\"},"
                + "\"secret\":\"nope\"}").post(endpoints)
                .then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", containsInAnyOrder("url", "filterTypes", "headers.Host", "secret"))
                .body("errors.message", everyItem(notNullValue()));
    }

    @Test
    void aSecretOfTheWrongFormatIsRefused() {
        String tooShort = "whsec_" + Base64.getEncoder().encodeToString(new byte[23]);
        String tooLong = "whsec_" + Base64.getEncoder().encodeToString(new byte[65]);
        for (String secret : List.of("plain", "whsec_***not-base64***", tooShort, tooLong,
                Base64.getEncoder().encodeToString(new byte[32]))) {
            tenant.request().body("{\"url\":\"" + URL + "\",\"secret\":\"" + secret + "\"}").post(endpoints)
                    .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("secret"));
        }
        assertThat(ids()).isEmpty();
    }

    @Test
    void aSecretCannotBeChangedByPutOrPatch() {
        String id = create("{\"url\":\"" + URL + "\"}");
        String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);

        tenant.request().body("{\"secret\":\"" + secret + "\"}").patch(endpoints + "/" + id)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("secret"));
        tenant.request().body("{\"url\":\"" + URL + "\",\"secret\":\"" + secret + "\"}").put(endpoints + "/" + id)
                .then().statusCode(422).contentType(PROBLEM).body("errors.field", contains("secret"));
    }

    @Test
    void anUnknownApplicationOrEndpointIsNotFound() {
        tenant.request().get("/api/v1/apps/app_nope/endpoints").then().statusCode(404).contentType(PROBLEM);
        tenant.request().body("{\"url\":\"" + URL + "\"}").post("/api/v1/apps/app_nope/endpoints")
                .then().statusCode(404).contentType(PROBLEM);
        tenant.request().get(endpoints + "/ep_nope").then().statusCode(404).contentType(PROBLEM);
    }
}
