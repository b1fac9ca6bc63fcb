package dev.herald.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** The Herald chart rendered by a real Helm (helm-java's native library) and parsed into its manifests. */
final class RenderedChart {

    static final Path CHART = Path.of("helm/herald");
    static final Path PRODUCTION_VALUES = Path.of("deploy/values-production.yaml");
    static final String RELEASE = "herald";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String text;
    private final List<JsonNode> documents;

    private RenderedChart(String text, List<JsonNode> documents) {
        this.text = text;
        this.documents = documents;
    }

    static RenderedChart withDefaults() {
        return render(null, Map.of());
    }

    static RenderedChart with(Map<String, Object> values) {
        return render(null, values);
    }

    static RenderedChart production() {
        return render(PRODUCTION_VALUES, Map.of());
    }

    static RenderedChart render(Path valuesFile, Map<String, Object> values) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace("herald");
        if (valuesFile != null) {
            template.withValuesFile(valuesFile);
        }
        values.forEach(template::set);
        return parse(template.call());
    }

    private static RenderedChart parse(String text) {
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(text)) {
            List<JsonNode> documents = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.hasNonNull("kind")) {
                    documents.add(doc);
                }
            }
            return new RenderedChart(text, documents);
        } catch (IOException e) {
            throw new UncheckedIOException("Helm rendered invalid YAML:\n" + text, e);
        }
    }

    String text() {
        return text;
    }

    List<JsonNode> all() {
        return documents;
    }

    List<JsonNode> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
    }

    List<String> namesOf(String kind) {
        return ofKind(kind).stream().map(d -> d.path("metadata").path("name").asText()).toList();
    }

    JsonNode one(String kind, String name) {
        return ofKind(kind).stream()
                .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in:\n" + text));
    }

    JsonNode deployment(String role) {
        return one("Deployment", RELEASE + "-" + role);
    }

    /** The single container of a role's pods. */
    JsonNode container(String role) {
        return deployment(role).path("spec").path("template").path("spec").path("containers").get(0);
    }

    /** Every container of every Deployment. */
    List<JsonNode> containers() {
        return ofKind("Deployment").stream()
                .flatMap(d -> StreamSupport.stream(
                        d.path("spec").path("template").path("spec").path("containers").spliterator(), false))
                .toList();
    }

    /** An env entry of a role's container, by name. */
    JsonNode env(String role, String name) {
        for (JsonNode env : container(role).path("env")) {
            if (name.equals(env.path("name").asText())) {
                return env;
            }
        }
        throw new AssertionError("no env " + name + " on the " + role + " container");
    }
}
