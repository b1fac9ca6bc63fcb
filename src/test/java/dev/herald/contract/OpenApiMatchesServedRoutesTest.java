package dev.herald.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.auth.Roles;
import dev.herald.contract.OpenApiDocument.Operation;
import dev.herald.contract.ServedRoutes.Served;
import dev.herald.delivery.DeliveryState;
import dev.herald.http.ProblemType;
import dev.herald.operational.OperationalEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml and the JAX-RS resources must describe the same API: the same routes (path parameter names
 * included), query and header parameters, and credentials; every operation documented well enough for a client
 * generator; the webhooks Herald sends described with their signature headers.
 */
class OpenApiMatchesServedRoutesTest {

    private static final Path SPEC = Path.of("openapi.yaml");
    private static final Path CLASSES = Path.of("target", "classes");
    /** Only the API is the contract; /openapi.yaml, Swagger UI and /q/* are not part of it. */
    private static final String API_PREFIX = "/api/v1/";
    private static final Map<String, String> SCHEME_OF_ROLE = Map.of(
            Roles.PLATFORM_ADMIN, "adminToken",
            Roles.TENANT_ADMIN, "apiKey");
    private static final Set<String> SIGNATURE_HEADERS = Set.of("webhook-id", "webhook-timestamp",
            "webhook-signature");
    private static final Set<String> OPERATIONAL_EVENTS = Set.of("endpoint.disabled", "message.attempt.exhausted",
            "message.attempt.recovered");

    private final OpenApiDocument spec = OpenApiDocument.read(SPEC);
    private final Map<Route, Served> served = ServedRoutes.byRoute(ServedRoutes.in(CLASSES).stream()
            .filter(s -> s.route().path().startsWith(API_PREFIX)).toList());

    @Test
    void theDocumentedRoutesAreExactlyTheServedOnes() {
        Map<Route, Operation> documented = documentedRoutes();
        Set<Route> undocumented = new TreeSet<>(served.keySet());
        undocumented.removeAll(documented.keySet());
        Set<Route> unserved = new TreeSet<>(documented.keySet());
        unserved.removeAll(served.keySet());

        StringBuilder diff = new StringBuilder();
        Map<Route, Route> unservedByShape = new HashMap<>();
        unserved.forEach(r -> unservedByShape.put(r.shape(), r));
        for (Route route : undocumented) {
            Route renamed = unservedByShape.get(route.shape());
            if (renamed != null) {
                diff.append("\n  ~ ").append(route).append(" is documented as ").append(renamed.path())
                        .append(" (rename the path parameters in openapi.yaml to the @PathParam names)");
                unserved.remove(renamed);
            } else {
                diff.append("\n  + ").append(route).append("   served by ").append(served.get(route).implementedBy())
                        .append(", missing from openapi.yaml");
            }
        }
        for (Route route : unserved) {
            diff.append("\n  - ").append(route).append("   in openapi.yaml (").append(documented.get(route).where())
                    .append("), served by no resource");
        }
        assertThat(diff.toString())
                .as("openapi.yaml and the served routes differ (+ add to openapi.yaml, - remove from it or serve it):")
                .isEmpty();
    }

    @Test
    void everyOperationHasATagAnIdASummaryAndAProblemResponse() {
        Set<String> declaredTags = new LinkedHashSet<>();
        spec.root().path("tags").forEach(tag -> declaredTags.add(tag.path("name").asText()));
        List<String> failures = new ArrayList<>();
        List<Operation> all = new ArrayList<>(spec.pathOperations());
        all.addAll(spec.webhookOperations());
        Map<String, List<String>> byOperationId = new TreeMap<>();
        for (Operation operation : all) {
            JsonNode node = operation.node();
            List<String> tags = OpenApiDocument.texts(node.path("tags"));
            if (tags.isEmpty()) {
                failures.add(operation.where() + " has no tag (openapi-generator drops untagged operations)");
            }
            tags.stream().filter(t -> !declaredTags.contains(t))
                    .forEach(t -> failures.add(operation.where() + " uses tag '" + t + "', not declared in tags"));
            String operationId = node.path("operationId").asText("");
            if (operationId.isBlank()) {
                failures.add(operation.where() + " has no operationId");
            } else {
                byOperationId.computeIfAbsent(operationId, k -> new ArrayList<>()).add(operation.where());
            }
            if (node.path("summary").asText("").isBlank()) {
                failures.add(operation.where() + " has no summary");
            }
            if (operation.route() != null && !hasProblemResponse(node)) {
                failures.add(operation.where() + " documents no 4xx answer as application/problem+json");
            }
        }
        byOperationId.forEach((id, where) -> {
            if (where.size() > 1) {
                failures.add("operationId '" + id + "' is used by " + where);
            }
        });
        assertThat(failures).as("operations that a client generator or a reader would trip over").isEmpty();
    }

    @Test
    void everyRouteDocumentsTheQueryAndHeaderParametersItReads() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Route, Operation> entry : documentedRoutes().entrySet()) {
            Served route = served.get(entry.getKey());
            if (route == null) {
                continue;
            }
            compare(failures, route, "query", route.queryParameters(), spec.parameterNames(entry.getValue(), "query"));
            compare(failures, route, "header", route.headerParameters(),
                    spec.parameterNames(entry.getValue(), "header"));
        }
        assertThat(failures).as("parameters read by the code and parameters in openapi.yaml").isEmpty();
    }

    @Test
    void everyRouteDocumentsTheCredentialsItAccepts() {
        List<String> failures = new ArrayList<>();
        for (Map.Entry<Route, Operation> entry : documentedRoutes().entrySet()) {
            Served route = served.get(entry.getKey());
            if (route == null) {
                continue;
            }
            Set<String> expected = route.roles().stream().filter(SCHEME_OF_ROLE::containsKey)
                    .map(SCHEME_OF_ROLE::get).collect(Collectors.toCollection(TreeSet::new));
            Set<String> documented = spec.securitySchemes(entry.getValue()).stream()
                    .filter(SCHEME_OF_ROLE::containsValue).collect(Collectors.toCollection(TreeSet::new));
            if (!expected.equals(documented)) {
                failures.add(route.route() + " allows roles " + route.roles() + " (schemes " + expected
                        + ") but openapi.yaml says " + documented);
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theWebhooksDescribeTheSignedRequestHeraldSends() {
        assertThat(spec.webhookOperations()).as("the webhooks section").isNotEmpty();
        List<String> failures = new ArrayList<>();
        for (Operation operation : spec.webhookOperations()) {
            Set<String> required = new TreeSet<>();
            for (JsonNode parameter : spec.parameters(operation)) {
                if ("header".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean()) {
                    required.add(parameter.path("name").asText().toLowerCase(java.util.Locale.ROOT));
                }
            }
            if (!required.containsAll(SIGNATURE_HEADERS)) {
                failures.add(operation.where() + " requires headers " + required + ", not all of " + SIGNATURE_HEADERS);
            }
            if (!operation.where().endsWith(" post")) {
                failures.add(operation.where() + ": Herald only ever POSTs");
            }
            if (spec.resolve(operation.node().path("requestBody")).path("content").path("application/json")
                    .isMissingNode()) {
                failures.add(operation.where() + " has no application/json body");
            }
            List<String> statuses = new ArrayList<>();
            operation.node().path("responses").fieldNames().forEachRemaining(statuses::add);
            if (statuses.stream().noneMatch(s -> s.startsWith("2"))) {
                failures.add(operation.where() + " documents no expected 2xx answer");
            }
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void theProblemTypesAreExactlyHeraldsCatalogue() {
        Set<String> documented = new TreeSet<>(OpenApiDocument.texts(
                spec.root().at("/components/schemas/Problem/properties/type/enum")));
        Set<String> catalogue = Arrays.stream(ProblemType.values()).map(ProblemType::uri)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).as("Problem.type enum in openapi.yaml vs dev.herald.http.ProblemType")
                .isEqualTo(catalogue);
    }

    @Test
    void theDeliveryStatesAreExactlyTheEngines() {
        Set<String> documented = new TreeSet<>(OpenApiDocument.texts(
                spec.root().at("/components/schemas/DeliveryStatusOut/properties/state/enum")));
        Set<String> engine = Arrays.stream(DeliveryState.values()).map(DeliveryState::dbValue)
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(documented).as("DeliveryStatusOut.state enum in openapi.yaml vs dev.herald.delivery.DeliveryState")
                .isEqualTo(engine);
    }

    @Test
    void theWebhooksDescribeEveryOperationalEvent() {
        assertThat(OperationalEvents.TYPES).containsAll(OPERATIONAL_EVENTS);
        assertThat(spec.webhookNames()).containsAll(OperationalEvents.TYPES);
        assertThat(OpenApiDocument.texts(spec.root()
                .at("/components/schemas/OperationalEndpointIn/properties/filterTypes/items/enum")))
                .as("the event types an operational endpoint may filter on")
                .containsExactlyInAnyOrderElementsOf(OperationalEvents.TYPES);
    }

    private Map<Route, Operation> documentedRoutes() {
        Map<Route, Operation> documented = new TreeMap<>();
        for (Operation operation : spec.pathOperations()) {
            documented.put(operation.route(), operation);
        }
        return documented;
    }

    private boolean hasProblemResponse(JsonNode operation) {
        var statuses = operation.path("responses").fields();
        while (statuses.hasNext()) {
            var status = statuses.next();
            if (status.getKey().startsWith("4")
                    && spec.resolve(status.getValue()).path("content").has("application/problem+json")) {
                return true;
            }
        }
        return false;
    }

    private static void compare(List<String> failures, Served route, String in, Set<String> inCode,
            Set<String> inSpec) {
        Set<String> missing = new TreeSet<>(inCode);
        missing.removeAll(inSpec);
        Set<String> extra = new TreeSet<>(inSpec);
        extra.removeAll(inCode);
        if (!missing.isEmpty()) {
            failures.add(route.route() + " reads " + in + " parameters " + missing + " (" + route.implementedBy()
                    + ") that openapi.yaml does not document");
        }
        if (!extra.isEmpty()) {
            failures.add(route.route() + ": openapi.yaml documents " + in + " parameters " + extra
                    + " that " + route.implementedBy() + " does not read");
        }
    }
}
