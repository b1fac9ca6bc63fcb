package dev.herald.eventtype;

import static dev.herald.eventtype.Catalogues.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.http.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaRefsTest {

    private static final String AT = "/webhooks/a.b/post/requestBody/content/application~1json/schema";

    @Test
    void anchoringThenStandingAloneGivesBackTheSameSchema() {
        JsonNode schema = read("""
                {"type":"object","properties":{"self":{"$ref":"#"},"money":{"$ref":"#/$defs/money"},
                  "$ref":{"type":"string"},"default":{"$ref":"#/$defs/money"}},
                 "$defs":{"money":{"type":"integer"}}}""");

        JsonNode anchored = SchemaRefs.anchorAt(schema, AT);
        JsonNode document = read("{}");
        List<FieldError> errors = new ArrayList<>();
        JsonNode back = SchemaRefs.standalone(document, anchored, AT, "f", errors);

        assertThat(anchored.at("/properties/self/$ref").asText()).isEqualTo("#" + AT);
        assertThat(anchored.at("/properties/default/$ref").asText()).as("a property named like a keyword")
                .isEqualTo("#" + AT + "/$defs/money");
        assertThat(errors).isEmpty();
        assertThat(back).isEqualTo(schema);
    }

    @Test
    void dataThatLooksLikeAReferenceIsLeftAlone() {
        JsonNode schema = read("""
                {"const":{"$ref":"#/x"},"enum":[{"$ref":"#/y"}],"default":{"$ref":"#/z"},"examples":[{"$ref":"#"}]}""");

        assertThat(SchemaRefs.anchorAt(schema, AT)).isEqualTo(schema);
    }

    @Test
    void referencedComponentsTravelAsDefsAndMayReferToEachOtherAndThemselves() {
        JsonNode document = read("""
                {"components":{"schemas":{
                  "Node":{"type":"object","properties":{"next":{"$ref":"#/components/schemas/Node"},
                                                        "value":{"$ref":"#/components/schemas/Value"}}},
                  "Value":{"type":"integer"},
                  "Unused":{"type":"string"}}}}""");
        JsonNode schema = read("{\"$ref\":\"#/components/schemas/Node\"}");
        List<FieldError> errors = new ArrayList<>();

        JsonNode standalone = SchemaRefs.standalone(document, schema, AT, "f", errors);

        assertThat(errors).isEmpty();
        assertThat(standalone).isEqualTo(read("""
                {"$ref":"#/$defs/Node","$defs":{
                  "Node":{"type":"object","properties":{"next":{"$ref":"#/$defs/Node"},
                                                        "value":{"$ref":"#/$defs/Value"}}},
                  "Value":{"type":"integer"}}}"""));
    }

    @Test
    void aSchemaThatIsItselfAComponentRefersToItsRootAsHash() {
        JsonNode document = read("""
                {"components":{"schemas":{"Tree":{"type":"object","properties":{
                  "children":{"type":"array","items":{"$ref":"#/components/schemas/Tree"}}}}}}}""");
        List<FieldError> errors = new ArrayList<>();

        JsonNode standalone = SchemaRefs.standalone(document, document.at("/components/schemas/Tree"),
                "/components/schemas/Tree", "f", errors);

        assertThat(errors).isEmpty();
        assertThat(standalone.at("/properties/children/items/$ref").asText()).isEqualTo("#");
        assertThat(standalone.has("$defs")).isFalse();
    }

    @Test
    void referencesToNowhereOrOutsideSchemasAreNamedAndExternalOnesLeftForTheValidator() {
        JsonNode document = read("{\"components\":{\"parameters\":{\"P\":{}}}}");
        List<FieldError> errors = new ArrayList<>();

        JsonNode result = SchemaRefs.standalone(document, read("""
                {"allOf":[{"$ref":"#/components/schemas/Missing"},{"$ref":"#/components/parameters/P"},
                          {"$ref":"https://example.com/s.json"}]}"""), AT, "f", errors);

        assertThat(errors).extracting(FieldError::message).containsExactly(
                "$ref '#/components/schemas/Missing' points nowhere",
                "$ref '#/components/parameters/P' points outside the schema and components.schemas");
        assertThat(result.at("/allOf/2/$ref").asText()).isEqualTo("https://example.com/s.json");
    }

    @Test
    void aComponentClashingWithTheSchemasOwnDefsIsAnError() {
        JsonNode document = read("{\"components\":{\"schemas\":{\"money\":{\"type\":\"number\"}}}}");
        List<FieldError> errors = new ArrayList<>();

        SchemaRefs.standalone(document, read("""
                {"properties":{"a":{"$ref":"#/components/schemas/money"}},"$defs":{"money":{"type":"integer"}}}"""),
                AT, "f", errors);

        assertThat(errors).extracting(FieldError::message)
                .containsExactly("$defs.money clashes with components.schemas.money");
    }
}
