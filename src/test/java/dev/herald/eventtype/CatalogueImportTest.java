package dev.herald.eventtype;

import static dev.herald.eventtype.Catalogues.catalogue;
import static dev.herald.eventtype.Catalogues.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/event-types/import}: a tenant's catalogue from an OpenAPI document, all or nothing. */
@QuarkusTest
class CatalogueImportTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String YAML = "application/yaml; charset=UTF-8";

    private static ValidatableResponse importing(TenantKey tenant, String document, String contentType,
            boolean dryRun) {
        return tenant.request().contentType(contentType).queryParam("dryRun", dryRun)
                .body(document.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/event-types/import").then();
    }

    private static String webhook(String name, String requestBody) {
        return """
                {"openapi":"3.1.0","info":{"title":"t","version":"1"},
                 "webhooks":{"%s":{"post":{"description":"d","requestBody":%s,
                   "responses":{"200":{"description":"ok"}}}}}}""".formatted(name, requestBody);
    }

    @Test
    void exportingFromOneTenantAndImportingIntoAFreshOneGivesAnIdenticalCatalogue() {
        TenantKey a = TestTenants.aTenant("Exporter");
        List<String> inUse = Catalogues.aVariedCatalogue(a);
        TenantKey b = TestTenants.aTenant("Importer");
        String exported = a.request().get("/api/v1/event-types/openapi.json").then().statusCode(200)
                .extract().asString();

        importing(b, exported, "application/json", false).statusCode(200)
                .body("dryRun", equalTo(false))
                .body("created", equalTo(inUse)).body("updated", empty()).body("unchanged", empty());

        List<JsonNode> inA = catalogue(a).stream().filter(t -> !t.get("archived").asBoolean()).toList();
        assertThat(catalogue(b)).isEqualTo(inA);
        b.request().queryParam("action", "event-type.import").get("/api/v1/audit").then().statusCode(200)
                .body("data.size()", equalTo(1))
                .body("data[0].detail.created", equalTo(inUse)).body("data[0].detail.updated", empty());
    }

    @Test
    void theYamlExportRoundTripsToo() {
        TenantKey a = TestTenants.aTenant("Yaml exporter");
        Catalogues.aVariedCatalogue(a);
        TenantKey b = TestTenants.aTenant("Yaml importer");
        String exported = a.request().get("/api/v1/event-types/openapi.yaml").then().statusCode(200)
                .extract().asString();

        importing(b, exported, YAML, false).statusCode(200);

        assertThat(catalogue(b)).isEqualTo(catalogue(a).stream().filter(t -> !t.get("archived").asBoolean())
                .toList());
    }

    @Test
    void importingTheSameDocumentAgainChangesNothingAndReportsItUnchanged() {
        TenantKey a = TestTenants.aTenant("Twice");
        List<String> inUse = Catalogues.aVariedCatalogue(a);
        String exported = a.request().get("/api/v1/event-types/openapi.json").then().extract().asString();
        JsonNode before = listed(a);

        importing(a, exported, "application/json", false).statusCode(200)
                .body("created", empty()).body("updated", empty()).body("unchanged", equalTo(inUse));

        assertThat(listed(a)).as("not even updatedAt moved").isEqualTo(before);
    }

    @Test
    void aDryRunReportsWhatWouldChangeAndStoresNothing() {
        TenantKey tenant = TestTenants.aTenant("Dry run");
        Catalogues.create(tenant, "invoice.paid", "Old words.", null, null);
        Catalogues.create(tenant, "order.cancelled", "An order was cancelled before shipping.", null, null);
        Catalogues.create(tenant, "tree.node", "Archived, so importing brings it back.", null, null);
        tenant.request().delete("/api/v1/event-types/tree.node").then().statusCode(204);
        List<JsonNode> before = catalogue(tenant);
        TenantKey source = TestTenants.aTenant("Source");
        Catalogues.aVariedCatalogue(source);
        String exported = source.request().get("/api/v1/event-types/openapi.json").then().extract().asString();

        importing(tenant, exported, "application/json", true).statusCode(200)
                .body("dryRun", equalTo(true))
                .body("created", contains("user.created"))
                .body("updated", contains("invoice.paid", "tree.node"))
                .body("unchanged", contains("order.cancelled"));

        assertThat(catalogue(tenant)).isEqualTo(before);
        tenant.request().queryParam("action", "event-type.import").get("/api/v1/audit").then().statusCode(200)
                .body("data", empty());
    }

    @Test
    void anOpenApi30DocumentWithXWebhooksAndSharedComponentsImports() {
        TenantKey tenant = TestTenants.aTenant("Legacy");
        String document = """
                openapi: 3.0.3
                info: {title: Legacy, version: '1'}
                paths: {}
                x-webhooks:
                  invoice.paid:
                    $ref: '#/components/x-pathItems/InvoicePaid'
                components:
                  x-pathItems:
                    InvoicePaid:
                      post:
                        summary: An invoice was paid
                        requestBody:
                          $ref: '#/components/requestBodies/Invoice'
                        responses:
                          '200': {description: ok}
                  requestBodies:
                    Invoice:
                      content:
                        application/json:
                          schema:
                            $ref: '#/components/schemas/Invoice'
                          examples:
                            small:
                              $ref: '#/components/examples/Small'
                  examples:
                    Small:
                      value: {invoiceId: inv_1, amount: {cents: 5}}
                  schemas:
                    Invoice:
                      type: object
                      required: [invoiceId]
                      properties:
                        invoiceId: {type: string}
                        amount: {$ref: '#/components/schemas/Money'}
                    Money:
                      type: object
                      properties:
                        cents: {type: integer}
                """;

        importing(tenant, document, YAML, false).statusCode(200).body("created", contains("invoice.paid"));

        tenant.request().get("/api/v1/event-types/invoice.paid").then().statusCode(200)
                .body("description", equalTo("An invoice was paid"))
                .body("schema.$ref", equalTo("#/$defs/Invoice"))
                .body("schema.$defs.Invoice.properties.amount.$ref", equalTo("#/$defs/Money"))
                .body("schema.$defs.Money.properties.cents.type", equalTo("integer"))
                .body("example.amount.cents", equalTo(5));
        // The standalone schema works: payloads are checked against Money through the rewritten references.
        String app = tenant.request().body("{\"name\":\"Customer\"}").post("/api/v1/apps").then().statusCode(201)
                .extract().path("id");
        tenant.request().body("{\"eventType\":\"invoice.paid\",\"payload\":{\"invoiceId\":\"inv_2\",\"amount\":"
                + "{\"cents\":\"five\"}}}").post("/api/v1/apps/" + app + "/messages")
                .then().statusCode(422).body("errors.field", contains("payload.amount.cents"));
    }

    @Test
    void aSchemaThatIsNotValidJsonSchemaIsRefusedNamingWhereItIs() {
        TenantKey tenant = TestTenants.aTenant("Bad schema");

        importing(tenant, webhook("invoice.paid", """
                {"content":{"application/json":{"schema":{"type":"banana"}}}}"""), "application/json", false)
                .statusCode(422).contentType(PROBLEM)
                .body("type", equalTo("https://herald.dev/problems/validation"))
                .body("errors.field", hasItem("webhooks.invoice.paid.post.requestBody.content.application/json.schema"));

        assertThat(catalogue(tenant)).isEmpty();
    }

    @Test
    void badDocumentsAreRefusedWith422NamingWhatIsWrongAndStoreNothing() {
        TenantKey tenant = TestTenants.aTenant("Bad documents");
        String body = "{\"content\":{\"application/json\":{\"schema\":{\"type\":\"object\"}}}}";
        record Bad(String document, String field) {
        }
        List<Bad> bad = List.of(
                new Bad("{\"swagger\":\"2.0\",\"paths\":{}}", "openapi"),
                new Bad("{\"openapi\":\"3.1.0\",\"paths\":{}}", "webhooks"),
                new Bad("{\"openapi\":\"3.1.0\",\"webhooks\":{}}", "webhooks"),
                new Bad("[1,2,3]", "body"),
                new Bad(webhook("has space", body), "webhooks.has space"),
                new Bad(webhook("x".repeat(257), body), "webhooks." + "x".repeat(257)),
                new Bad("{\"openapi\":\"3.1.0\",\"webhooks\":{\"a.b\":{\"get\":{}}}}", "webhooks.a.b.post"),
                new Bad("{\"openapi\":\"3.1.0\",\"webhooks\":{\"a.b\":{\"post\":{}}}}", "webhooks.a.b.post.requestBody"),
                new Bad(webhook("a.b", "{\"content\":{\"text/plain\":{}}}"), "webhooks.a.b.post.requestBody"),
                new Bad(webhook("a.b", "{\"$ref\":\"#/components/requestBodies/Nope\"}"),
                        "webhooks.a.b.post.requestBody"),
                new Bad(webhook("a.b", "{\"$ref\":\"https://127.0.0.1:9/body.json\"}"),
                        "webhooks.a.b.post.requestBody"),
                new Bad(webhook("a.b", "{\"content\":{\"application/json\":{\"schema\":"
                        + "{\"$ref\":\"http://127.0.0.1:9/schema.json\"}}}}"),
                        "webhooks.a.b.post.requestBody.content.application/json.schema"),
                new Bad(webhook("a.b", "{\"content\":{\"application/json\":{\"schema\":"
                        + "{\"$ref\":\"#/components/schemas/Missing\"}}}}"),
                        "webhooks.a.b.post.requestBody.content.application/json.schema"),
                new Bad(webhook("a.b", "{\"content\":{\"application/json\":{\"schema\":"
                        + "{\"type\":\"object\",\"required\":[\"n\"]},\"example\":{}}}}"),
                        "webhooks.a.b.post.requestBody.content.application/json.example.n"),
                new Bad(webhook("a.b", "{\"content\":{\"application/json\":{\"schema\":{\"type\":\"integer\"},"
                        + "\"examples\":{\"one\":{\"value\":\"1\"}}}}}"),
                        "webhooks.a.b.post.requestBody.content.application/json.examples.one.value"));

        for (Bad document : bad) {
            importing(tenant, document.document(), "application/json", false)
                    .statusCode(422).contentType(PROBLEM)
                    .body("errors.field", hasItem(document.field()));
        }
        assertThat(catalogue(tenant)).isEmpty();
    }

    @Test
    void oneBadWebhookKeepsTheGoodOnesOutTooAndEveryProblemIsNamed() {
        TenantKey tenant = TestTenants.aTenant("All or nothing");
        String document = """
                {"openapi":"3.1.0","info":{"title":"t","version":"1"},"webhooks":{
                  "good.one":{"post":{"requestBody":{"content":{"application/json":{}}}}},
                  "bad.schema":{"post":{"requestBody":{"content":{"application/json":{"schema":{"minimum":"x"}}}}}},
                  "bad name":{"post":{"requestBody":{"content":{"application/json":{}}}}}}}""";

        importing(tenant, document, "application/json", false).statusCode(422)
                .body("errors.field", hasItem("webhooks.bad.schema.post.requestBody.content.application/json.schema"))
                .body("errors.field", hasItem("webhooks.bad name"));
        importing(tenant, document, "application/json", true).statusCode(422);

        assertThat(catalogue(tenant)).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonOrYamlOrRepeatsKeysOrDocumentsIsAMalformedRequest() {
        TenantKey tenant = TestTenants.aTenant("Malformed");

        importing(tenant, "{\"openapi\":", "application/json", false).statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("https://herald.dev/problems/malformed-json"));
        importing(tenant, "openapi: [3.1\nwebhooks: {", YAML, false).statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("YAML"));
        importing(tenant, "{\"openapi\":\"3.1.0\",\"openapi\":\"3.0.0\"}", "application/json", false)
                .statusCode(400).body("detail", containsString("openapi"));
        importing(tenant, "openapi: 3.1.0\n---\nopenapi: 3.0.0\n", YAML, false).statusCode(400);
        importing(tenant, "{} {}", "application/json", false).statusCode(400);
        importing(tenant, "   ", "application/json", false).statusCode(422).body("errors.field", contains("body"));
        tenant.request().contentType("text/plain").body("openapi: 3.1.0".getBytes(StandardCharsets.UTF_8)).post("/api/v1/event-types/import")
                .then().statusCode(415);
    }

    @Test
    void yamlAliasesCannotBlowADocumentUp() {
        TenantKey tenant = TestTenants.aTenant("Laughs");
        StringBuilder bomb = new StringBuilder("openapi: 3.1.0\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            bomb.append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }

        int status = importing(tenant, bomb.toString(), YAML, false).extract().statusCode();

        assertThat(status).isIn(400, 422);
        assertThat(catalogue(tenant)).isEmpty();
    }

    @Test
    void importNeedsTheTenantsApiKey() {
        TestTenants.asAdmin().body(webhook("a.b", "{\"content\":{\"application/json\":{}}}"))
                .post("/api/v1/event-types/import").then().statusCode(403);
    }

    /** The event types exactly as listed, timestamps included. */
    private static JsonNode listed(TenantKey tenant) {
        return read(tenant.request().queryParam("limit", 250).get("/api/v1/event-types").then().statusCode(200)
                .extract().asString()).get("data");
    }
}
