package dev.herald.eventtype;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.http.Problem.FieldError;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayloadValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final PayloadValidator validator = new PayloadValidator(new JsonSchemas());

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static EventType typeWithSchema(String schema) {
        EventType type = EventType.create("ten_1", "invoice.paid", T0);
        type.describe("", schema == null ? null : json(schema), null, false, T0);
        return type;
    }

    @Test
    void withoutASchemaEveryPayloadIsValid() {
        assertThat(validator.validate(typeWithSchema(null), json("[\"anything\"]"))).isEmpty();
    }

    @Test
    void errorsNameThePathInsideThePayload() {
        EventType type = typeWithSchema("""
                {"type":"object","required":["amount"],"properties":{"amount":{"type":"integer"},
                 "customer":{"type":"object","properties":{"email":{"type":"string","maxLength":5}}}}}""");

        assertThat(validator.validate(type, json("{\"amount\":\"ten\"}")))
                .extracting(FieldError::field).containsExactly("payload.amount");
        assertThat(validator.validate(type, json("{\"customer\":{\"email\":\"far-too-long\"}}")))
                .extracting(FieldError::field).containsExactlyInAnyOrder("payload.amount", "payload.customer.email");
        assertThat(validator.validate(type, json("{\"amount\":10}"))).isEmpty();
    }

    @Test
    void anEditedSchemaAppliesOnceUpdatedAtMoves() {
        EventType type = typeWithSchema("{\"type\":\"object\",\"required\":[\"amount\"]}");
        assertThat(validator.validate(type, json("{}"))).hasSize(1);

        type.describe("", json("{\"type\":\"object\"}"), null, false, T0.plusSeconds(1));

        assertThat(validator.validate(type, json("{}"))).isEmpty();
    }

    @Test
    void theCompiledSchemaIsReusedWhileUpdatedAtStaysTheSame() {
        EventType type = typeWithSchema("{\"type\":\"object\",\"required\":[\"amount\"]}");
        assertThat(validator.validate(type, json("{}"))).hasSize(1);

        // A changed schema with an unchanged updatedAt cannot happen through the API; here it shows the cache hit.
        type.schema = json("{\"type\":\"object\"}");

        assertThat(validator.validate(type, json("{}"))).hasSize(1);
    }
}
