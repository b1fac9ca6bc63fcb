package dev.herald.eventtype;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.http.Problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonSchemasTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonSchemas schemas = new JsonSchemas();

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static final String INVOICE = """
            {"type":"object","required":["amount","currency"],
             "properties":{"amount":{"type":"integer","minimum":0},"currency":{"type":"string"},
               "lines":{"type":"array","items":{"type":"object","properties":{"sku":{"type":"string"}}}}}}
            """;

    @Test
    void aWellFormedSchemaHasNoProblems() {
        assertThat(schemas.problemsOf(json(INVOICE), "schema")).isEmpty();
    }

    @Test
    void aSchemaThatBreaksTheMetaSchemaIsRefusedNamingTheField() {
        List<FieldError> errors = schemas.problemsOf(json("{\"type\":\"banana\",\"minimum\":\"zero\"}"), "schema");

        assertThat(errors).isNotEmpty().allSatisfy(e -> assertThat(e.field()).isEqualTo("schema"));
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).startsWith("minimum: "));
    }

    @Test
    void aSchemaThatIsNotAnObjectIsRefused() {
        assertThat(schemas.problemsOf(json("[1,2]"), "schema")).extracting(FieldError::field)
                .containsExactly("schema");
    }

    @Test
    void aSchemaReferringToARemoteDocumentIsRefusedWithoutFetchingIt() {
        List<FieldError> errors = schemas.problemsOf(
                json("{\"$ref\":\"http://127.0.0.1:9/evil.json\"}"), "schema");

        assertThat(errors).extracting(FieldError::field).containsExactly("schema");
        assertThat(errors.get(0).message()).contains("not allowed");
    }

    @Test
    void aSchemaWithABrokenRegexIsRefused() {
        assertThat(schemas.problemsOf(json("{\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"[\"}}}"),
                "schema")).extracting(FieldError::field).containsExactly("schema");
    }

    @Test
    void errorsNameTheJsonPathInsideTheInstance() {
        var compiled = schemas.compile(json(INVOICE));

        List<FieldError> errors = JsonSchemas.check(compiled,
                json("{\"amount\":\"ten\",\"lines\":[{\"sku\":5}]}"), "payload");

        assertThat(errors).extracting(FieldError::field)
                .containsExactlyInAnyOrder("payload.amount", "payload.currency", "payload.lines[0].sku");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotStartWith("$"));
    }

    @Test
    void aMatchingInstanceHasNoErrors() {
        var compiled = schemas.compile(json(INVOICE));

        assertThat(JsonSchemas.check(compiled, json("{\"amount\":10,\"currency\":\"EUR\"}"), "payload")).isEmpty();
    }

    @Test
    void aCatastrophicBacktrackingPatternChecksAHostilePayloadAtOnce() {
        // With java.util.regex this takes longer than the age of the universe: (a+)+ backtracks 2^40 ways.
        JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\","
                + "\"pattern\":\"^(a+)+$\"}}}");
        assertThat(schemas.problemsOf(schema, "schema")).isEmpty();
        com.networknt.schema.JsonSchema compiled = schemas.compile(schema);

        List<FieldError> errors = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10),
                () -> JsonSchemas.check(compiled, json("{\"name\":\"" + "a".repeat(40) + "!\"}"), "payload"));

        assertThat(errors).extracting(FieldError::field).containsExactly("payload.name");
        assertThat(JsonSchemas.check(compiled, json("{\"name\":\"aaaa\"}"), "payload")).isEmpty();
    }

    @Test
    void aPatternRe2CannotRunInLinearTimeIsRefusedWhenTheSchemaIsSaved() {
        List<FieldError> errors = schemas.problemsOf(
                json("{\"properties\":{\"a\":{\"type\":\"string\",\"pattern\":\"(x)\\\\1\"}}}"), "schema");

        assertThat(errors).singleElement().satisfies(e -> assertThat(e.message()).contains("RE2"));
    }

    @Test
    void patternsMatchAnywhereInTheValueAsJsonSchemaSays() {
        com.networknt.schema.JsonSchema compiled = schemas.compile(
                json("{\"properties\":{\"sku\":{\"type\":\"string\",\"pattern\":\"[0-9]{3}\"}}}"));

        assertThat(JsonSchemas.check(compiled, json("{\"sku\":\"ab-123-x\"}"), "payload")).isEmpty();
        assertThat(JsonSchemas.check(compiled, json("{\"sku\":\"ab-12\"}"), "payload")).isNotEmpty();
    }
}
