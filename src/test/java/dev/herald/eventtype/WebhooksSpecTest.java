package dev.herald.eventtype;

import static dev.herald.eventtype.Catalogues.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/event-types/openapi.(yaml|json)}: the tenant's catalogue as OpenAPI 3.1 webhooks. */
@QuarkusTest
class WebhooksSpecTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static String yaml(TenantKey tenant) {
        return tenant.request().accept("application/yaml").get("/api/v1/event-types/openapi.yaml")
                .then().statusCode(200).contentType(containsString("yaml")).extract().asString();
    }

    private static JsonNode json(TenantKey tenant) {
        return read(tenant.request().get("/api/v1/event-types/openapi.json")
                .then().statusCode(200).contentType(containsString("application/json")).extract().asString());
    }

    private static List<String> webhookNames(JsonNode spec) {
        List<String> names = new ArrayList<>();
        spec.get("webhooks").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void theTenantsSpecPassesTheOpenApiLinterWithOneWebhookPerEventTypeInUse() throws Exception {
        TenantKey tenant = TestTenants.aTenant("Lint & Co");
        List<String> inUse = Catalogues.aVariedCatalogue(tenant);
        TestTenants.aTenant("Someone else").request().body("{\"name\":\"other.event\"}")
                .post("/api/v1/event-types").then().statusCode(201);

        String document = yaml(tenant);
        RedoclyLint.Result lint = RedoclyLint.lint(document, "webhooks.yaml");

        assertThat(lint.exitCode()).as("redocly lint said:\n%s\nabout:\n%s", lint.output(), document).isZero();
        assertThat(lint.output()).contains("is valid");
        JsonNode spec = YAML.readTree(document);
        assertThat(spec.get("openapi").asText()).isEqualTo("3.1.0");
        assertThat(spec.at("/info/title").asText()).isEqualTo("Lint & Co webhooks");
        assertThat(webhookNames(spec)).as("archived order.shipped and the other tenant's type are absent")
                .containsExactlyElementsOf(inUse);
    }

    @Test
    void theJsonAndYamlSpecsAreTheSameDocument() throws Exception {
        TenantKey tenant = TestTenants.aTenant("Twins");
        Catalogues.aVariedCatalogue(tenant);

        assertThat(YAML.readTree(yaml(tenant))).isEqualTo(json(tenant));
    }

    @Test
    void eachWebhookCarriesTheDescriptionSchemaExampleSignatureHeadersAnd2xx() {
        TenantKey tenant = TestTenants.aTenant("Shapes");
        Catalogues.aVariedCatalogue(tenant);

        JsonNode spec = json(tenant);
        JsonNode paid = spec.at("/webhooks/invoice.paid/post");
        assertThat(paid.get("description").asText()).isEqualTo("An invoice was paid in full.\nAmounts are in cents.");
        JsonNode media = paid.at("/requestBody/content/application~1json");
        assertThat(paid.at("/requestBody/required").asBoolean()).isTrue();
        assertThat(media.get("example")).isEqualTo(read(Catalogues.INVOICE_EXAMPLE));
        assertThat(media.at("/schema/properties/amount/$ref").asText()).as("re-anchored at its place in the document")
                .isEqualTo("#/webhooks/invoice.paid/post/requestBody/content/application~1json/schema/$defs/money");
        assertThat(spec.at(media.at("/schema/properties/amount/$ref").asText().substring(1)))
                .isEqualTo(read("{\"type\":\"integer\",\"minimum\":1}"));
        assertThat(media.at("/schema/properties/note/const")).as("data is not a reference")
                .isEqualTo(read("{\"$ref\":\"#/not/a/reference\"}"));
        assertThat(spec.at("/webhooks/tree.node/post/requestBody/content/application~1json/schema/properties"
                + "/children/items/$ref").asText())
                .isEqualTo("#/webhooks/tree.node/post/requestBody/content/application~1json/schema");

        List<String> headers = new ArrayList<>();
        paid.get("parameters").forEach(p -> {
            JsonNode header = spec.at(p.get("$ref").asText().substring(1));
            assertThat(header.get("in").asText()).isEqualTo("header");
            assertThat(header.get("required").asBoolean()).isTrue();
            headers.add(header.get("name").asText());
        });
        assertThat(headers).containsExactly("webhook-id", "webhook-timestamp", "webhook-signature");
        assertThat(paid.at("/responses/2XX/description").asText()).isNotBlank();

        JsonNode user = spec.at("/webhooks/user.created/post");
        assertThat(user.has("description")).as("no description, none invented").isFalse();
        assertThat(user.at("/requestBody/content/application~1json").has("schema")).isFalse();
    }

    @Test
    void aTenantWithoutEventTypesGetsAValidEmptyDocument() throws Exception {
        TenantKey tenant = TestTenants.aTenant("Empty");

        String document = yaml(tenant);
        RedoclyLint.Result lint = RedoclyLint.lint(document, "empty.yaml");

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(YAML.readTree(document).get("webhooks").isEmpty()).isTrue();
    }

    @Test
    void theSpecNeedsTheTenantsApiKey() {
        io.restassured.RestAssured.given().get("/api/v1/event-types/openapi.json").then().statusCode(401);
        TestTenants.asAdmin().get("/api/v1/event-types/openapi.yaml").then().statusCode(403);
    }

    @Test
    void eventTypesNamedLikeTheFixedRoutesStayReachable() {
        TenantKey tenant = TestTenants.aTenant("Shadows");
        for (String name : List.of("import", "openapi.json", "openapi.yaml")) {
            tenant.request().body("{\"name\":\"" + name + "\"}").post("/api/v1/event-types").then().statusCode(201);
        }

        tenant.request().get("/api/v1/event-types/import").then().statusCode(200);
        tenant.request().body("{\"description\":\"x\"}").put("/api/v1/event-types/openapi.json").then()
                .statusCode(200);
        tenant.request().delete("/api/v1/event-types/openapi.yaml").then().statusCode(204);
        assertThat(webhookNames(json(tenant))).containsExactly("import", "openapi.json");
    }
}
