package dev.herald.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.http.ApiException;
import dev.herald.http.Problem.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the event types out of an OpenAPI document: each entry of {@code webhooks} (3.1) or {@code x-webhooks}
 * (3.0) is one type, named by its key, described by its POST operation's {@code description}, typed by the
 * {@code application/json} request body's schema, illustrated by that body's {@code example} or first of
 * {@code examples}. Local references are followed; referenced {@code components/schemas} travel with the schema.
 * Every problem is collected, so one answer names all of them; a document with any is refused as a whole.
 */
final class WebhooksImport {

    /** One event type as the document describes it. */
    record Imported(String name, String description, JsonNode schema, JsonNode example) {
    }

    static final int MAX_WEBHOOKS = 500;
    static final int MAX_DESCRIPTION = 4000;

    private static final Pattern NAME = Pattern.compile(EventType.NAME_PATTERN);
    private static final int MAX_REF_HOPS = 10;

    private final JsonSchemas schemas;

    WebhooksImport(JsonSchemas schemas) {
        this.schemas = schemas;
    }

    /** The event types of the document; throws a validation problem naming every field that is wrong. */
    List<Imported> read(JsonNode document) {
        List<FieldError> errors = new ArrayList<>();
        List<Imported> imported = new ArrayList<>();
        if (document == null || !document.isObject()) {
            throw ApiException.invalid("body", "must be an OpenAPI document (a JSON or YAML object)");
        }
        JsonNode version = document.path("openapi");
        if (!version.isTextual() || !version.asText().startsWith("3.")) {
            errors.add(new FieldError("openapi", "must be the OpenAPI version, 3.1.x (or 3.0.x with x-webhooks)"));
        }
        // An empty "webhooks" beside a full "x-webhooks" is what some generated clients send: take the full one.
        String section = !document.path("webhooks").isEmpty() || document.path("x-webhooks").isEmpty()
                ? "webhooks" : "x-webhooks";
        JsonNode webhooks = document.path(section);
        if (!webhooks.isObject() || webhooks.isEmpty()) {
            errors.add(new FieldError("webhooks", webhooks.isMissingNode()
                    ? "is missing: the document describes no webhooks (webhooks, or x-webhooks in OpenAPI 3.0)"
                    : "must be an object with at least one webhook"));
        } else if (webhooks.size() > MAX_WEBHOOKS) {
            errors.add(new FieldError(section, "has " + webhooks.size() + " webhooks; at most " + MAX_WEBHOOKS
                    + " are imported at once"));
        } else {
            for (Map.Entry<String, JsonNode> webhook : webhooks.properties()) {
                Imported type = webhook(document, section, webhook.getKey(), webhook.getValue(), errors);
                if (type != null) {
                    imported.add(type);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return imported;
    }

    private Imported webhook(JsonNode document, String section, String name, JsonNode pathItem,
            List<FieldError> errors) {
        String field = section + "." + name;
        int before = errors.size();
        if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError(field, "is not a valid event type name: it must match " + EventType.NAME_PATTERN));
        }
        Located item = resolve(document, new Located(pathItem, pointer(section, name)), field, errors);
        if (item == null) {
            return null;
        }
        Located post = item.child("post");
        field = field + ".post";
        if (!post.node().isObject()) {
            errors.add(new FieldError(field, "is missing: Herald sends every webhook as a POST"));
            return null;
        }
        String description = description(post.node(), name, field, errors);
        Located body = resolve(document, post.child("requestBody"), field + ".requestBody", errors);
        if (body == null) {
            return null;
        }
        Located media = body.child("content").child(WebhooksDocument.MEDIA_TYPE);
        if (!media.node().isObject()) {
            errors.add(new FieldError(field + ".requestBody", "must describe an application/json body"));
            return null;
        }
        String mediaField = field + ".requestBody.content." + WebhooksDocument.MEDIA_TYPE;
        JsonNode schema = schema(document, media.child("schema"), mediaField + ".schema", errors);
        JsonNode example = example(document, media, mediaField, schema, errors);
        return errors.size() == before ? new Imported(name, description, schema, example) : null;
    }

    private static String description(JsonNode operation, String name, String field, List<FieldError> errors) {
        JsonNode text = operation.path("description");
        // A summary that only repeats the name says nothing (Herald's own export writes one for every webhook).
        if (!text.isTextual() && operation.path("summary").isTextual()
                && !operation.path("summary").asText().equals(name)) {
            text = operation.path("summary");
            field = field + ".summary";
        } else {
            field = field + ".description";
        }
        String description = text.isTextual() ? text.asText() : "";
        if (description.length() > MAX_DESCRIPTION) {
            errors.add(new FieldError(field, "must be at most " + MAX_DESCRIPTION + " characters"));
        }
        return description;
    }

    private JsonNode schema(JsonNode document, Located at, String field, List<FieldError> errors) {
        if (!WebhooksDocument.present(at.node())) {
            return null;
        }
        List<FieldError> found = new ArrayList<>();
        JsonNode schema = SchemaRefs.standalone(document, at.node(), at.pointer(), field, found);
        if (found.isEmpty()) {
            found.addAll(schemas.problemsOf(schema, field));
        }
        errors.addAll(found);
        return found.isEmpty() ? schema : null;
    }

    private JsonNode example(JsonNode document, Located media, String field, JsonNode schema,
            List<FieldError> errors) {
        JsonNode example = media.node().get("example");
        String exampleField = field + ".example";
        if (!WebhooksDocument.present(example) && media.node().path("examples").isObject()) {
            for (Map.Entry<String, JsonNode> named : media.node().get("examples").properties()) {
                String namedField = field + ".examples." + named.getKey();
                Located resolved = resolve(document, media.child("examples").child(named.getKey()), namedField,
                        errors);
                if (resolved != null && resolved.node().has("value")) {
                    example = resolved.node().get("value");
                    exampleField = namedField + ".value";
                    break;
                }
            }
        }
        if (!WebhooksDocument.present(example)) {
            return null;
        }
        if (schema != null) {
            errors.addAll(JsonSchemas.check(schemas.compile(schema), example, exampleField));
        }
        return example.deepCopy();
    }

    /** A node and its JSON Pointer in the document (references resolve relative to where a schema sits). */
    private record Located(JsonNode node, String pointer) {
        Located child(String name) {
            return new Located(node.path(name), pointer + "/" + name.replace("~", "~0").replace("/", "~1"));
        }
    }

    /** Follows local {@code $ref}s; null (with an error) when one points elsewhere or nowhere. */
    private static Located resolve(JsonNode document, Located start, String field, List<FieldError> errors) {
        Located current = start;
        for (int hops = 0; current.node().has("$ref"); hops++) {
            String ref = current.node().path("$ref").asText();
            if (!ref.startsWith("#/") || hops == MAX_REF_HOPS) {
                errors.add(new FieldError(field, "$ref '" + ref + "' must point inside this document"));
                return null;
            }
            JsonNode target = document.at(ref.substring(1));
            if (target.isMissingNode()) {
                errors.add(new FieldError(field, "$ref '" + ref + "' points nowhere"));
                return null;
            }
            current = new Located(target, ref.substring(1));
        }
        if (current.node().isMissingNode()) {
            errors.add(new FieldError(field, "is missing"));
            return null;
        }
        if (!current.node().isObject()) {
            errors.add(new FieldError(field, "must be an object"));
            return null;
        }
        return current;
    }

    private static String pointer(String section, String name) {
        return "/" + section + "/" + name.replace("~", "~0").replace("/", "~1");
    }
}
