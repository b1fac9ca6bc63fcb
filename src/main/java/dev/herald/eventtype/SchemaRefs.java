package dev.herald.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.herald.http.Problem.FieldError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves a JSON Schema in and out of an OpenAPI document. A stored schema is standalone: its local references
 * ({@code #/$defs/money}) are relative to itself. Inside an OpenAPI 3.1 document a local reference is relative to
 * the document, so exporting re-anchors them at the schema's place, and importing does the reverse, pulling
 * referenced {@code components/schemas} into {@code $defs}.
 */
final class SchemaRefs {

    private static final String COMPONENTS = "/components/schemas/";
    /** Keywords whose values are data, not schemas: a {@code "$ref"} inside them is not a reference. */
    private static final Set<String> DATA_KEYWORDS = Set.of("const", "enum", "default", "examples", "example");
    /** Keywords whose values map names (any names, keywords included) to schemas. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "$defs", "definitions",
            "dependentSchemas");

    private SchemaRefs() {
    }

    /** A copy of a standalone schema whose local references work from {@code pointer} in a document. */
    static JsonNode anchorAt(JsonNode schema, String pointer) {
        return rewrite(schema, ref -> ref.startsWith("#") ? "#" + pointer + ref.substring(1) : ref);
    }

    /**
     * A standalone copy of the schema found at {@code pointer} of {@code document}: references into itself become
     * {@code #...}, references to {@code #/components/schemas/X} become {@code #/$defs/X} with X copied in (and
     * what X references, in turn). Any other local reference is an error naming {@code field}; external ones are
     * left for {@link JsonSchemas} to refuse.
     */
    static JsonNode standalone(JsonNode document, JsonNode schema, String pointer, String field,
            List<FieldError> errors) {
        Map<String, JsonNode> defs = new LinkedHashMap<>();
        Deque<String> pending = new ArrayDeque<>();
        Rewriter localize = ref -> {
            if (!ref.startsWith("#")) {
                return ref;
            }
            String target = ref.substring(1);
            if (target.equals(pointer) || target.startsWith(pointer + "/")) {
                return "#" + target.substring(pointer.length());
            }
            if (target.startsWith(COMPONENTS)) {
                String rest = target.substring(COMPONENTS.length());
                int slash = rest.indexOf('/');
                String name = slash < 0 ? rest : rest.substring(0, slash);
                if (!defs.containsKey(name) && !pending.contains(name)) {
                    if (document.at(COMPONENTS + name).isMissingNode() || name.isEmpty()) {
                        errors.add(new FieldError(field, "$ref '" + ref + "' points nowhere"));
                        return ref;
                    }
                    pending.add(name);
                }
                return "#/$defs/" + rest;
            }
            errors.add(new FieldError(field, "$ref '" + ref + "' points outside the schema and components.schemas"));
            return ref;
        };
        JsonNode result = rewrite(schema, localize);
        while (!pending.isEmpty()) {
            String name = pending.poll();
            defs.put(name, null);
            defs.put(name, rewrite(document.at(COMPONENTS + name), localize));
        }
        // Keys of $defs are plain names; the pointers above kept their JSON Pointer escapes (~0, ~1).
        Map<String, JsonNode> byName = new LinkedHashMap<>();
        defs.forEach((segment, def) -> byName.put(segment.replace("~1", "/").replace("~0", "~"), def));
        if (byName.isEmpty()) {
            return result;
        }
        if (!(result instanceof ObjectNode object)) {
            errors.add(new FieldError(field, "must be a JSON Schema object"));
            return result;
        }
        ObjectNode ownDefs = object.has("$defs") && object.get("$defs").isObject() ? (ObjectNode) object.get("$defs")
                : object.putObject("$defs");
        byName.forEach((name, def) -> {
            if (ownDefs.has(name)) {
                errors.add(new FieldError(field, "$defs." + name + " clashes with components.schemas." + name));
            } else {
                ownDefs.set(name, def);
            }
        });
        return result;
    }

    @FunctionalInterface
    private interface Rewriter {
        String apply(String ref);
    }

    /** Copies a schema, rewriting the value of every {@code $ref} keyword (and only those). */
    private static JsonNode rewrite(JsonNode node, Rewriter rewriter) {
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> copy.add(rewrite(item, rewriter)));
            return copy;
        }
        if (!node.isObject()) {
            return node.deepCopy();
        }
        ObjectNode copy = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if ("$ref".equals(keyword) && value.isTextual()) {
                copy.put(keyword, rewriter.apply(value.asText()));
            } else if (DATA_KEYWORDS.contains(keyword)) {
                copy.set(keyword, value.deepCopy());
            } else if (SCHEMA_MAPS.contains(keyword) && value.isObject()) {
                ObjectNode map = copy.putObject(keyword);
                value.properties().forEach(entry -> map.set(entry.getKey(), rewrite(entry.getValue(), rewriter)));
            } else {
                copy.set(keyword, rewrite(value, rewriter));
            }
        }
        return copy;
    }
}
