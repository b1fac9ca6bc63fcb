package dev.herald.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A tenant's catalogue as an OpenAPI 3.1 document its customers can read, generate receivers from, or hand to a
 * linter: one {@code webhooks} entry per event type, each a signed POST whose body is the type's schema.
 * {@link WebhooksImport} reads these documents back into the same catalogue.
 */
final class WebhooksDocument {

    static final String OPENAPI_VERSION = "3.1.0";
    static final String TAG = "Webhooks";
    static final String MEDIA_TYPE = "application/json";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ABOUT = """
            The webhooks %s sends to the endpoints you register, one entry per event type.

            Every request is a POST with a JSON body, signed with [Standard Webhooks](https://www.standardwebhooks.com):
            compute HMAC-SHA256 with your endpoint secret (the base64 part after `whsec_`) over
            `{webhook-id}.{webhook-timestamp}.{raw body}` and compare its base64, in constant time, with any of the
            `v1,` entries of `webhook-signature`. Reject timestamps more than a few minutes from now to stop replays.
            Deduplicate on `webhook-id`: a message keeps its id on every retry.

            Answer any 2xx to acknowledge. Any other answer, a timeout or a connection error is retried with
            exponential backoff for up to three days; 410 Gone disables the endpoint.
            """;

    private WebhooksDocument() {
    }

    /** The document for these event types (archived ones are the caller's to leave out). */
    static ObjectNode of(String publisher, List<EventType> types) {
        ObjectNode document = NODES.objectNode();
        document.put("openapi", OPENAPI_VERSION);
        ObjectNode info = document.putObject("info");
        info.put("title", publisher + " webhooks");
        info.put("version", version(types));
        info.put("description", ABOUT.formatted(publisher));
        // A document of webhooks only serves no paths; the one server is there for tools that insist on one.
        document.putArray("servers").addObject().put("url", "/")
                .put("description", "None: these webhooks are sent to the endpoint URLs you register.");
        document.putArray("tags").addObject().put("name", TAG).put("description", "The events " + publisher
                + " sends.");
        ObjectNode webhooks = document.putObject("webhooks");
        types.stream().sorted(Comparator.comparing((EventType t) -> t.name))
                .forEach(type -> webhooks.set(type.name, NODES.objectNode().set("post", operation(type))));
        if (!types.isEmpty()) {
            document.putObject("components").set("parameters", signatureHeaders());
        }
        return document;
    }

    /** Where the request body schema of a webhook sits in the document, as a JSON Pointer. */
    static String schemaPointer(String name) {
        return "/webhooks/" + escape(name) + "/post/requestBody/content/" + escape(MEDIA_TYPE) + "/schema";
    }

    private static ObjectNode operation(EventType type) {
        ObjectNode operation = NODES.objectNode();
        operation.putArray("tags").add(TAG);
        operation.put("operationId", type.name);
        operation.put("summary", type.name);
        if (type.description != null && !type.description.isEmpty()) {
            operation.put("description", type.description);
        }
        operation.putArray("security");
        ArrayNode parameters = operation.putArray("parameters");
        for (String header : List.of("WebhookId", "WebhookTimestamp", "WebhookSignature")) {
            parameters.addObject().put("$ref", "#/components/parameters/" + header);
        }
        ObjectNode body = operation.putObject("requestBody");
        body.put("required", true);
        ObjectNode media = body.putObject("content").putObject(MEDIA_TYPE);
        if (present(type.schema)) {
            media.set("schema", SchemaRefs.anchorAt(type.schema, schemaPointer(type.name)));
        }
        if (present(type.example)) {
            media.set("example", type.example.deepCopy());
        }
        ObjectNode responses = operation.putObject("responses");
        responses.putObject("2XX").put("description", "Received. Any 2xx status acknowledges the webhook; the "
                + "body is ignored.");
        responses.putObject("default").put("description", "Any other status is a failed attempt and is retried; "
                + "410 Gone disables the endpoint.");
        return operation;
    }

    private static ObjectNode signatureHeaders() {
        ObjectNode parameters = NODES.objectNode();
        parameters.set("WebhookId", header("webhook-id",
                "The message id, the same on every attempt: deduplicate on it.",
                NODES.objectNode().put("type", "string"), "msg_01JD2ZP8B3M5N7Q9S1U3W5Y7A9"));
        parameters.set("WebhookTimestamp", header("webhook-timestamp",
                "When this attempt was signed, in Unix seconds.",
                NODES.objectNode().put("type", "string").put("pattern", "^[0-9]+$"), "1769860800"));
        parameters.set("WebhookSignature", header("webhook-signature",
                "Space-separated signatures, one per active secret: `v1,` and the base64 of "
                        + "HMAC-SHA256(secret, `{webhook-id}.{webhook-timestamp}.{body}`).",
                NODES.objectNode().put("type", "string").put("pattern", "^v1,[A-Za-z0-9+/=]+( v1,[A-Za-z0-9+/=]+)*$"),
                "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4="));
        return parameters;
    }

    private static ObjectNode header(String name, String description, ObjectNode schema, String example) {
        ObjectNode header = NODES.objectNode();
        header.put("name", name);
        header.put("in", "header");
        header.put("required", true);
        header.put("description", description);
        header.set("schema", schema);
        header.put("example", example);
        return header;
    }

    /** Changes whenever a published event type does: the newest change among them. */
    private static String version(List<EventType> types) {
        return types.stream().map(t -> t.updatedAt).max(Comparator.naturalOrder()).map(Instant::toString)
                .orElse("0");
    }

    static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    private static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
