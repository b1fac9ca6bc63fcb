package dev.herald.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Lints and renders helm/herald with a real Helm and checks the manifests operators will apply. */
class HeraldChartTest {

    private static final List<String> SECRET_KEYS = List.of(
            "HERALD_ADMIN_TOKEN", "HERALD_SECRETS_MASTER_KEY", "QUARKUS_DATASOURCE_PASSWORD",
            "QUARKUS_OIDC_CREDENTIALS_SECRET");
    private static final String ADMIN_TOKEN = "hadm_the-admin-token-under-test";
    private static final String MASTER_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static final String DB_PASSWORD = "the-database-password-under-test";

    @Test
    void chart_passesStrictLint() {
        LintResult lint = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
    }

    @Test
    void defaultValues_renderSeparatelyScalableApiAndWorkerDeployments() {
        RenderedChart chart = RenderedChart.withDefaults();

        assertThat(chart.namesOf("Deployment")).containsExactlyInAnyOrder("herald-api", "herald-worker");
        assertThat(chart.env("api", "HERALD_ROLE").path("value").asText()).isEqualTo("api");
        assertThat(chart.env("worker", "HERALD_ROLE").path("value").asText()).isEqualTo("worker");
        assertThat(chart.namesOf("ConfigMap")).containsExactly("herald");
        assertThat(chart.namesOf("PodDisruptionBudget")).containsExactlyInAnyOrder("herald-api", "herald-worker");
        assertThat(chart.ofKind("Ingress")).isEmpty();
        assertThat(chart.ofKind("HorizontalPodAutoscaler")).isEmpty();
        assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
    }

    @Test
    void withTheWorkerDisabled_oneDeploymentServesAndDelivers() {
        RenderedChart chart = RenderedChart.with(Map.of("worker.enabled", false));

        assertThat(chart.namesOf("Deployment")).containsExactly("herald-api");
        assertThat(chart.env("api", "HERALD_ROLE").path("value").asText()).isEqualTo("all");
        assertThat(chart.namesOf("Service")).containsExactly("herald");
        assertThat(chart.namesOf("PodDisruptionBudget")).containsExactly("herald-api");
    }

    @Test
    void theApiService_sendsTrafficToApiPodsOnly() {
        JsonNode selector = RenderedChart.withDefaults().one("Service", "herald").path("spec").path("selector");

        assertThat(selector.path("app.kubernetes.io/component").asText()).isEqualTo("api");
    }

    @Test
    void configMaps_neverHoldSecretKeysOrValues() {
        RenderedChart given = RenderedChart.with(Map.of(
                "secrets.adminToken", ADMIN_TOKEN,
                "secrets.masterKey", MASTER_KEY,
                "secrets.databasePassword", DB_PASSWORD,
                "oidc.enabled", true,
                "oidc.authServerUrl", "https://keycloak.example.com/realms/herald",
                "secrets.oidcClientSecret", "the-oidc-secret-under-test"));
        List<String> secretValues = List.of(ADMIN_TOKEN, MASTER_KEY, DB_PASSWORD, "the-oidc-secret-under-test");

        for (RenderedChart chart : List.of(given, RenderedChart.withDefaults(), RenderedChart.production())) {
            assertThat(chart.ofKind("ConfigMap")).isNotEmpty();
            for (JsonNode configMap : chart.ofKind("ConfigMap")) {
                List<String> keys = new ArrayList<>();
                configMap.path("data").fieldNames().forEachRemaining(keys::add);
                assertThat(keys).doesNotContainAnyElementsOf(SECRET_KEYS)
                        .noneMatch(k -> k.contains("PASSWORD") || k.contains("TOKEN") || k.contains("MASTER_KEY"));
                assertThat(configMap.path("data").toString()).doesNotContain(secretValues);
            }
        }
        // The values did go somewhere: into the Secret, base64-encoded, and the pods read them from there.
        JsonNode secretData = given.one("Secret", "herald").path("data");
        assertThat(secretData.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(SECRET_KEYS);
        assertThat(decoded(secretData.path("HERALD_SECRETS_MASTER_KEY"))).isEqualTo(MASTER_KEY);
        assertThat(given.env("api", "QUARKUS_DATASOURCE_PASSWORD").path("valueFrom").path("secretKeyRef")
                .path("name").asText()).isEqualTo("herald");
    }

    @Test
    void plainSettings_refuseSecretLookingNames() {
        assertThatThrownBy(() -> RenderedChart.with(Map.of("herald.config.QUARKUS_DATASOURCE_PASSWORD", "x")))
                .hasMessageContaining("herald.config");
        assertThatThrownBy(() -> RenderedChart.with(Map.of("herald.config.HERALD_ADMIN_TOKEN", "x")))
                .hasMessageContaining("herald.config");
    }

    @Test
    void everyContainer_hasStartupLivenessAndReadinessProbesOnQuarkusHealth() {
        for (RenderedChart chart : List.of(RenderedChart.withDefaults(), RenderedChart.production(),
                RenderedChart.with(Map.of("worker.enabled", false)))) {
            assertThat(chart.containers()).isNotEmpty().allSatisfy(container -> {
                assertThat(probePath(container, "startupProbe")).isEqualTo("/q/health/started");
                assertThat(probePath(container, "livenessProbe")).isEqualTo("/q/health/live");
                assertThat(probePath(container, "readinessProbe")).isEqualTo("/q/health/ready");
                assertThat(container.path("resources").path("requests").path("memory").isMissingNode()).isFalse();
                assertThat(container.path("resources").path("limits").path("memory").isMissingNode()).isFalse();
            });
        }
    }

    @Test
    void replicaCounts_areHonouredPerRole() {
        RenderedChart chart = RenderedChart.with(Map.of("api.replicas", 3, "worker.replicas", 5));

        assertThat(chart.deployment("api").path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(chart.deployment("worker").path("spec").path("replicas").asInt()).isEqualTo(5);
    }

    @Test
    void autoscaling_replacesTheFixedReplicaCount() {
        RenderedChart chart = RenderedChart.with(Map.of(
                "api.replicas", 3,
                "worker.autoscaling.enabled", true,
                "worker.autoscaling.minReplicas", 4,
                "worker.autoscaling.maxReplicas", 9));

        assertThat(chart.deployment("worker").path("spec").has("replicas")).isFalse();
        assertThat(chart.deployment("api").path("spec").path("replicas").asInt()).isEqualTo(3);
        JsonNode hpa = chart.one("HorizontalPodAutoscaler", "herald-worker").path("spec");
        assertThat(hpa.path("scaleTargetRef").path("name").asText()).isEqualTo("herald-worker");
        assertThat(hpa.path("minReplicas").asInt()).isEqualTo(4);
        assertThat(hpa.path("maxReplicas").asInt()).isEqualTo(9);
        assertThat(chart.namesOf("HorizontalPodAutoscaler")).containsExactly("herald-worker");
    }

    @Test
    void pods_runAsNonRootOnAReadOnlyRootFilesystemWithAWritableTmp() {
        for (RenderedChart chart : List.of(RenderedChart.withDefaults(), RenderedChart.production())) {
            for (JsonNode deployment : chart.ofKind("Deployment")) {
                JsonNode pod = deployment.path("spec").path("template").path("spec");
                assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
                assertThat(pod.path("securityContext").path("seccompProfile").path("type").asText())
                        .isEqualTo("RuntimeDefault");
                assertThat(pod.path("automountServiceAccountToken").asBoolean()).isFalse();
                JsonNode container = pod.path("containers").get(0);
                JsonNode security = container.path("securityContext");
                assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
                assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
                assertThat(security.path("capabilities").path("drop").toString()).isEqualTo("[\"ALL\"]");
                assertThat(container.path("volumeMounts").get(0).path("mountPath").asText()).isEqualTo("/tmp");
                assertThat(pod.path("volumes").get(0).has("emptyDir")).isTrue();
            }
        }
    }

    @Test
    void anExistingSecret_makesTheChartRenderNoSecret() {
        RenderedChart chart = RenderedChart.with(Map.of(
                "secrets.existingSecret", "managed-elsewhere",
                "secrets.databasePassword", DB_PASSWORD));

        assertThat(chart.ofKind("Secret")).isEmpty();
        assertThat(chart.text()).doesNotContain(DB_PASSWORD);
        for (String role : List.of("api", "worker")) {
            for (String key : List.of("HERALD_ADMIN_TOKEN", "HERALD_SECRETS_MASTER_KEY", "QUARKUS_DATASOURCE_PASSWORD")) {
                JsonNode ref = chart.env(role, key).path("valueFrom").path("secretKeyRef");
                assertThat(ref.path("name").asText()).isEqualTo("managed-elsewhere");
                assertThat(ref.path("key").asText()).isEqualTo(key);
            }
        }
    }

    @Test
    void withoutSecretValues_thePodsReadTheSecretGeneratedAtInstall() {
        RenderedChart chart = RenderedChart.withDefaults();

        // helm-java renders the release manifest only, so the pre-install hook Secret itself is not listed here.
        assertThat(chart.env("api", "HERALD_SECRETS_MASTER_KEY").path("valueFrom").path("secretKeyRef")
                .path("name").asText()).isEqualTo("herald-generated");
        assertThat(chart.env("worker", "HERALD_ADMIN_TOKEN").path("valueFrom").path("secretKeyRef")
                .path("name").asText()).isEqualTo("herald-generated");
        assertThat(chart.env("api", "QUARKUS_DATASOURCE_PASSWORD").path("valueFrom").path("secretKeyRef")
                .path("optional").asBoolean()).isTrue();
    }

    @Test
    void theSchema_rejectsAReplicaCountThatIsNotANumber() {
        assertThatThrownBy(() -> RenderedChart.with(Map.of("api.replicas", "three")))
                .hasMessageContaining("api.replicas")
                .hasMessageContaining("integer");
    }

    @Test
    void theSchema_rejectsAMasterKeyThatIsNotBase64Of32Bytes() {
        assertThatThrownBy(() -> RenderedChart.with(Map.of("secrets.masterKey", "too-short")))
                .hasMessageContaining("secrets.masterKey");
    }

    @Test
    void theSchema_refusesToTurnOffRunAsNonRoot() {
        assertThatThrownBy(() -> RenderedChart.with(Map.of("securityContext.runAsNonRoot", false)))
                .hasMessageContaining("runAsNonRoot");
    }

    @Test
    void kafkaSettings_renderOnlyWhenKafkaIsEnabled() {
        String withoutKafka = RenderedChart.with(Map.of("kafka.bootstrapServers", "kafka:9092")).text();
        assertThat(withoutKafka).doesNotContainIgnoringCase("kafka");

        JsonNode config = RenderedChart.with(Map.of("kafka.enabled", true, "kafka.bootstrapServers", "kafka:9092"))
                .one("ConfigMap", "herald").path("data");
        assertThat(config.path("HERALD_DISPATCH").asText()).isEqualTo("kafka");
        assertThat(config.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
    }

    @Test
    void kafkaEnabled_withoutBootstrapServers_isRefused() {
        assertThatThrownBy(() -> RenderedChart.with(Map.of("kafka.enabled", true)))
                .hasMessageContaining("bootstrapServers");
    }

    @Test
    void externalServices_areConfiguredThroughQuarkusEnvironmentNames() {
        JsonNode config = RenderedChart.production().one("ConfigMap", "herald").path("data");

        assertThat(config.path("QUARKUS_DATASOURCE_JDBC_URL").asText()).startsWith("jdbc:postgresql://");
        assertThat(config.path("QUARKUS_DATASOURCE_USERNAME").asText()).isEqualTo("herald");
        assertThat(config.path("QUARKUS_OIDC_TENANT_ENABLED").asText()).isEqualTo("true");
        assertThat(config.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText())
                .isEqualTo("https://keycloak.example.com/realms/herald");
        assertThat(config.path("QUARKUS_OIDC_CLIENT_ID").asText()).isEqualTo("herald-api");
        assertThat(config.path("HERALD_DISPATCH").asText()).isEqualTo("kafka");

        JsonNode defaults = RenderedChart.withDefaults().one("ConfigMap", "herald").path("data");
        assertThat(defaults.path("QUARKUS_OIDC_TENANT_ENABLED").asText()).isEqualTo("false");
        assertThat(defaults.has("QUARKUS_OIDC_AUTH_SERVER_URL")).isFalse();
    }

    @Test
    void theProductionExample_rendersTlsIngressAutoscalingBudgetsAndAServiceMonitor() {
        RenderedChart chart = RenderedChart.production();

        assertThat(chart.ofKind("Secret")).isEmpty();
        JsonNode ingress = chart.one("Ingress", "herald").path("spec");
        assertThat(ingress.path("tls").get(0).path("secretName").asText()).isEqualTo("herald-tls");
        assertThat(ingress.path("rules").get(0).path("http").path("paths").get(0).path("backend").path("service")
                .path("name").asText()).isEqualTo("herald");
        assertThat(chart.namesOf("HorizontalPodAutoscaler")).containsExactlyInAnyOrder("herald-api", "herald-worker");
        assertThat(chart.ofKind("Deployment")).allSatisfy(d -> assertThat(d.path("spec").has("replicas")).isFalse());
        assertThat(chart.one("PodDisruptionBudget", "herald-api").path("spec").path("minAvailable").asInt())
                .isEqualTo(1);
        JsonNode monitor = chart.one("ServiceMonitor", "herald");
        assertThat(monitor.path("metadata").path("labels").path("release").asText())
                .isEqualTo("kube-prometheus-stack");
        assertThat(monitor.path("spec").path("endpoints").get(0).path("path").asText()).isEqualTo("/q/metrics");
        // Scraped by the ServiceMonitor, so no scrape annotations as well.
        assertThat(chart.deployment("api").path("spec").path("template").path("metadata").path("annotations")
                .has("prometheus.io/scrape")).isFalse();
    }

    @Test
    void pods_carryPrometheusScrapeAnnotationsByDefault() {
        JsonNode annotations = RenderedChart.withDefaults().deployment("worker")
                .path("spec").path("template").path("metadata").path("annotations");

        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo("8080");
    }

    private static String probePath(JsonNode container, String probe) {
        return container.path(probe).path("httpGet").path("path").asText();
    }

    private static String decoded(JsonNode base64) {
        return new String(java.util.Base64.getDecoder().decode(base64.asText()), java.nio.charset.StandardCharsets.UTF_8);
    }
}
