package dev.herald.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** deploy/ and the Dockerfile only reference things that exist, and say what the chart says. */
class DeployFilesTest {

    private static final Path DEPLOY = Path.of("deploy");

    @Test
    void compose_runsAnApiAndAWorkerOfTheSameImage() throws IOException {
        JsonNode services = yaml(DEPLOY.resolve("docker-compose.yml")).path("services");

        JsonNode api = services.path("herald-api");
        JsonNode worker = services.path("herald-worker");
        assertThat(api.path("environment").path("HERALD_ROLE").asText()).isEqualTo("api");
        assertThat(worker.path("environment").path("HERALD_ROLE").asText()).isEqualTo("worker");
        assertThat(api.path("image").asText()).isEqualTo(worker.path("image").asText()).isNotEmpty();
        for (JsonNode herald : List.of(api, worker)) {
            JsonNode env = herald.path("environment");
            assertThat(env.path("QUARKUS_DATASOURCE_JDBC_URL").asText()).startsWith("jdbc:postgresql://postgres:");
            assertThat(env.path("HERALD_DISPATCH").asText()).isEqualTo("kafka");
            assertThat(env.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
            assertThat(env.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText()).endsWith("/realms/herald");
            assertThat(env.has("HERALD_SECRETS_MASTER_KEY")).isTrue();
            assertThat(herald.path("read_only").asBoolean()).isTrue();
        }
        assertThat(services.path("postgres").path("image").asText()).isEqualTo("postgres:17");
        assertThat(services.path("keycloak").path("image").asText()).endsWith("keycloak:26.5.6");
        assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:4.");
    }

    @Test
    void compose_referencesOnlyFilesThatExist() throws IOException {
        JsonNode services = yaml(DEPLOY.resolve("docker-compose.yml")).path("services");

        List<Path> referenced = new ArrayList<>();
        services.forEach(service -> {
            JsonNode build = service.path("build");
            if (build.isObject()) {
                referenced.add(DEPLOY.resolve(build.path("context").asText()).resolve(build.path("dockerfile").asText()));
            }
            service.path("volumes").forEach(volume -> {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    referenced.add(DEPLOY.resolve(source));
                }
            });
        });

        assertThat(referenced).isNotEmpty().allSatisfy(path -> assertThat(path).exists());
        assertThat(DEPLOY.resolve("keycloak/herald-realm.json")).isRegularFile();
    }

    @Test
    void theRealm_definesHeraldsFourRolesItsClientsAndADemoUserPerRole() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(DEPLOY.resolve("keycloak/herald-realm.json").toFile());

        assertThat(realm.path("realm").asText()).isEqualTo("herald");
        List<String> roles = new ArrayList<>();
        realm.path("roles").path("realm").forEach(role -> roles.add(role.path("name").asText()));
        assertThat(roles).contains("platform-admin", "tenant-admin", "support", "customer");
        List<String> clients = new ArrayList<>();
        realm.path("clients").forEach(client -> clients.add(client.path("clientId").asText()));
        assertThat(clients).contains("herald-api", "herald-portal", "herald-backend");
        List<String> userRoles = new ArrayList<>();
        realm.path("users").forEach(user -> user.path("realmRoles").forEach(role -> userRoles.add(role.asText())));
        assertThat(userRoles).contains("platform-admin", "tenant-admin", "support", "customer");
    }

    @Test
    void theDockerfile_runsTheFastJarAsUser185OnTheJibBaseImage() throws IOException {
        String dockerfile = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
        String properties = Files.readString(Path.of("src/main/resources/application.properties"));

        assertThat(dockerfile).contains("USER 185", "COPY --chown=185 target/quarkus-app/lib/ /deployments/lib/",
                "quarkus-run.jar");
        String from = dockerfile.lines().filter(l -> l.startsWith("FROM ")).findFirst().orElseThrow().substring(5);
        assertThat(properties).contains("quarkus.jib.base-jvm-image=" + from.strip(), "quarkus.jib.user=185");
    }

    /** SnakeYAML rather than Jackson: compose files lean on merge keys ({@code <<: *herald}). */
    private static JsonNode yaml(Path file) throws IOException {
        Object document = new Yaml().load(Files.readString(file));
        return new ObjectMapper().valueToTree(document);
    }
}
