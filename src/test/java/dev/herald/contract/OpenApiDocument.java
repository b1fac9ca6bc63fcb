package dev.herald.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/** {@code openapi.yaml} read as a tree, with its operations listed and its local {@code $ref}s followed. */
final class OpenApiDocument {

    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");

    /**
     * One operation: where it sits in the document (for messages), its route (null for a webhook) and its node.
     * {@code pathItem} holds the parameters shared by the operations of a path.
     */
    record Operation(String where, Route route, JsonNode node, JsonNode pathItem) {
    }

    private final JsonNode root;

    private OpenApiDocument(JsonNode root) {
        this.root = root;
    }

    static OpenApiDocument read(Path file) {
        try {
            return new OpenApiDocument(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file.toAbsolutePath(), e);
        }
    }

    JsonNode root() {
        return root;
    }

    List<Operation> pathOperations() {
        return operations("paths", true);
    }

    List<Operation> webhookOperations() {
        return operations("webhooks", false);
    }

    Set<String> webhookNames() {
        Set<String> names = new LinkedHashSet<>();
        root.path("webhooks").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Follows {@code $ref}s (local ones, {@code #/...}) until it reaches a node that is not a reference. */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref"); hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/") || hops > 20) {
                throw new IllegalStateException("Cannot follow $ref " + ref);
            }
            current = root.at(ref.substring(1));
            if (current instanceof MissingNode) {
                throw new IllegalStateException("$ref " + ref + " points nowhere");
            }
        }
        return current;
    }

    /** The operation's parameters (its path's too), resolved; {@code in} and {@code name} as written. */
    List<JsonNode> parameters(Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        for (JsonNode holder : List.of(operation.pathItem(), operation.node())) {
            holder.path("parameters").forEach(p -> parameters.add(resolve(p)));
        }
        return parameters;
    }

    Set<String> parameterNames(Operation operation, String in) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode parameter : parameters(operation)) {
            if (in.equals(parameter.path("in").asText())) {
                String name = parameter.path("name").asText();
                names.add("header".equals(in) ? name.toLowerCase(Locale.ROOT) : name);
            }
        }
        return names;
    }

    /** The security scheme names an operation accepts ({@code security} of the operation, else the root's). */
    Set<String> securitySchemes(Operation operation) {
        JsonNode security = operation.node().has("security") ? operation.node().get("security")
                : root.path("security");
        Set<String> schemes = new LinkedHashSet<>();
        security.forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
        return schemes;
    }

    private List<Operation> operations(String section, boolean isPath) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> items = root.path(section).fields();
        while (items.hasNext()) {
            Map.Entry<String, JsonNode> item = items.next();
            JsonNode pathItem = resolve(item.getValue());
            for (String method : METHODS) {
                JsonNode node = pathItem.get(method);
                if (node != null) {
                    operations.add(new Operation(section + " " + item.getKey() + " " + method,
                            isPath ? Route.of(method, item.getKey()) : null, node, pathItem));
                }
            }
        }
        return operations;
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
