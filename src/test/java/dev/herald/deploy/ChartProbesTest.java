package dev.herald.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The paths the chart probes and scrapes are ones the application really answers. */
@QuarkusTest
class ChartProbesTest {

    private static final JsonNode VALUES = chartValues();

    @Test
    void everyProbePathOfTheChart_answersUpWhenTheAppRuns() {
        for (String probe : new String[] {"startup", "liveness", "readiness"}) {
            String path = VALUES.path("probes").path(probe).path("path").asText();
            assertThat(path).as(probe).startsWith("/q/health/");

            given().get(path).then().statusCode(200);
        }
    }

    @Test
    void theMetricsPathOfTheChart_servesPrometheusText() {
        String path = VALUES.path("metrics").path("path").asText();

        String body = given().get(path).then().statusCode(200).extract().asString();
        assertThat(body).contains("# TYPE");
    }

    private static JsonNode chartValues() {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(Path.of("helm/herald/values.yaml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
