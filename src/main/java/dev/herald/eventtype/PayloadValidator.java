package dev.herald.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import dev.herald.http.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks message payloads against their event type's schema. Compiled schemas are cached per event type and
 * recompiled when the event type's {@code updatedAt} moves, so an edited schema applies at once on every instance
 * that reads the new row.
 */
@ApplicationScoped
public class PayloadValidator {

    /** Past this many event types the cache starts over rather than grow without bound. */
    private static final int MAX_CACHED = 10_000;

    private record Compiled(Instant updatedAt, JsonSchema schema) {
    }

    private final JsonSchemas schemas;
    private final Map<String, Compiled> cache = new ConcurrentHashMap<>();

    PayloadValidator(JsonSchemas schemas) {
        this.schemas = schemas;
    }

    /** Errors naming the path inside the payload ({@code payload.amount}); empty when valid or schema-less. */
    public List<FieldError> validate(EventType type, JsonNode payload) {
        if (type.schema == null || type.schema.isNull()) {
            return List.of();
        }
        Compiled compiled = cache.get(type.id);
        if (compiled == null || !compiled.updatedAt().equals(type.updatedAt)) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            compiled = new Compiled(type.updatedAt, schemas.compile(type.schema));
            cache.put(type.id, compiled);
        }
        return JsonSchemas.check(compiled.schema(), payload, "payload");
    }
}
