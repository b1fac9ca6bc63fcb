package dev.herald.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiResourceTest {

    @Test
    void theServedContractIsTheCommittedFileByteForByte() throws Exception {
        byte[] served = given().get("/openapi.yaml")
                .then().statusCode(200).contentType(containsString("yaml"))
                .extract().asByteArray();

        assertThat(served).isEqualTo(Files.readAllBytes(Path.of("openapi.yaml")));
    }

    @Test
    void theContractNeedsNoCredentials() {
        given().auth().oauth2("hk_not-a-key").get("/openapi.yaml").then().statusCode(200);
    }

    @Test
    void swaggerUiShowsTheServedContract() {
        given().redirects().follow(true).get("/q/swagger-ui/")
                .then().statusCode(200).contentType(containsString("html"))
                .body(containsString("/openapi.yaml"));
    }
}
