package dev.herald.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaException;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion.VersionFlag;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import dev.herald.http.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Reads tenant-supplied JSON Schemas (draft 2020-12 unless the schema names another draft) and checks instances
 * against them. Only the meta-schemas bundled in the library's jar can ever be loaded: a {@code $ref} or
 * {@code $schema} pointing anywhere else is refused, so a schema cannot make Herald fetch a URL (SSRF). Patterns
 * run in linear time ({@link LinearTimePatterns}), so a schema cannot make a payload check hang either (ReDoS).
 */
@ApplicationScoped
public class JsonSchemas {

    /** Keywords whose message names a property that is not (yet) in the instance location. */
    private static final Set<String> PROPERTY_KEYWORDS = Set.of("required", "additionalProperties",
            "unevaluatedProperties", "dependentRequired", "propertyNames");
    private static final int MAX_ERRORS = 20;

    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .regularExpressionFactory(LinearTimePatterns.INSTANCE)
            .build();

    private final JsonSchemaFactory factory;
    private final JsonSchema metaSchema;

    public JsonSchemas() {
        this.factory = JsonSchemaFactory.getInstance(VersionFlag.V202012, builder -> builder
                .schemaLoaders(loaders -> loaders.add(
                        new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:")))));
        this.metaSchema = factory.getSchema(SchemaLocation.of(SchemaId.V202012));
    }

    /** What is wrong with a would-be schema, each error naming {@code field}; empty when it is usable. */
    public List<FieldError> problemsOf(JsonNode schema, String field) {
        if (!schema.isObject()) {
            return List.of(new FieldError(field, "must be a JSON Schema object"));
        }
        List<FieldError> errors = new ArrayList<>();
        for (ValidationMessage message : sorted(metaSchema.validate(schema))) {
            String where = path("", message.getInstanceLocation()).replaceFirst("^\\.", "");
            errors.add(new FieldError(field, (where.isEmpty() ? "" : where + ": ") + message.getError()));
        }
        if (errors.isEmpty()) {
            try {
                compile(schema);
            } catch (RuntimeException e) {
                errors.add(new FieldError(field, "cannot be used: " + e.getMessage()));
            }
        }
        return errors.size() > MAX_ERRORS ? errors.subList(0, MAX_ERRORS) : errors;
    }

    /** Compiles a schema that {@link #problemsOf} accepted; throws when it cannot be used. */
    public JsonSchema compile(JsonNode schema) {
        JsonSchema compiled = factory.getSchema(schema, CONFIG);
        // Resolve every $ref now rather than on the first payload.
        compiled.initializeValidators();
        return compiled;
    }

    /**
     * Checks an instance; each error names the JSON path inside it under {@code root} (e.g. {@code payload.amount}
     * or {@code payload.items[0].sku}).
     */
    public static List<FieldError> check(JsonSchema schema, JsonNode instance, String root) {
        List<FieldError> errors = new ArrayList<>();
        try {
            for (ValidationMessage message : sorted(schema.validate(instance))) {
                String field = path(root, message.getInstanceLocation());
                if (message.getProperty() != null && PROPERTY_KEYWORDS.contains(message.getType())) {
                    field = field + "." + message.getProperty();
                }
                errors.add(new FieldError(field, message.getError()));
                if (errors.size() == MAX_ERRORS) {
                    break;
                }
            }
        } catch (JsonSchemaException e) {
            errors.add(new FieldError(root, "could not be checked against the schema: " + e.getMessage()));
        }
        return errors;
    }

    private static List<ValidationMessage> sorted(Set<ValidationMessage> messages) {
        return messages.stream()
                .sorted(Comparator.comparing((ValidationMessage m) -> m.getInstanceLocation().toString())
                        .thenComparing(ValidationMessage::getMessage))
                .toList();
    }

    private static String path(String root, JsonNodePath location) {
        StringBuilder path = new StringBuilder(root);
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                path.append('.').append(element);
            }
        }
        return path.toString();
    }
}
