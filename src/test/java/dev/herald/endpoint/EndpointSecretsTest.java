package dev.herald.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import dev.herald.local.EmbeddedPostgresResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class EndpointSecretsTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String KEY = "whsec_" + Base64.getEncoder().encodeToString(
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Inject
    EndpointSecrets secrets;

    private TenantKey tenant;
    private String endpoints;

    @BeforeEach
    void aTenantWithAnApplication() {
        tenant = TestTenants.aTenant("Secrets");
        String app = tenant.request().body("{\"name\":\"Customer\"}").post("/api/v1/apps")
                .then().statusCode(201).extract().path("id");
        endpoints = "/api/v1/apps/" + app + "/endpoints";
    }

    private String endpointWith(String secret) {
        String body = secret == null ? "{\"url\":\"http://127.0.0.1:9/\"}"
                : "{\"url\":\"http://127.0.0.1:9/\",\"secret\":\"" + secret + "\"}";
        return tenant.request().body(body).post(endpoints).then().statusCode(201).extract().path("id");
    }

    private String secretOf(String endpointId) {
        return tenant.request().get(endpoints + "/" + endpointId + "/secret").then().statusCode(200)
                .extract().path("key");
    }

    @Test
    void theSecretGivenOnCreateIsTheOneReadBack() {
        String id = endpointWith(KEY);

        assertThat(secretOf(id)).isEqualTo(KEY);
    }

    @Test
    void withoutASecretOneIsGeneratedFrom32RandomBytes() {
        String first = secretOf(endpointWith(null));
        String second = secretOf(endpointWith(null));

        assertThat(first).startsWith("whsec_").isNotEqualTo(second);
        assertThat(Base64.getDecoder().decode(first.substring(6))).hasSize(32);
    }

    @Test
    void theDatabaseHoldsOnlyCiphertextNeverThePlaintextKey() throws SQLException {
        String id = endpointWith(KEY);

        List<byte[]> stored = ciphertexts(id);

        assertThat(stored).hasSize(1);
        byte[] row = stored.get(0);
        assertThat(contains(row, KEY.getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(contains(row, KEY.substring(6).getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(contains(row, Base64.getDecoder().decode(KEY.substring(6)))).isFalse();
        assertThat(contains(row, "0123456789abcdef".getBytes(StandardCharsets.US_ASCII))).isFalse();
    }

    @Test
    void rotationKeepsTheOldKeySigningForTheOverlapThenOnlyTheNewOne() {
        String id = endpointWith(KEY);
        String newKey = "whsec_" + Base64.getEncoder().encodeToString(new byte[48]);

        tenant.request().body("{\"key\":\"" + newKey + "\"}").post(endpoints + "/" + id + "/secret/rotate")
                .then().statusCode(204);

        assertThat(secretOf(id)).isEqualTo(newKey);
        Instant now = Instant.now();
        assertThat(secrets.signingKeys(id, now)).containsExactly(newKey, KEY);
        // The default overlap is 24 hours.
        assertThat(secrets.signingKeys(id, now.plus(Duration.ofHours(23)))).containsExactly(newKey, KEY);
        assertThat(secrets.signingKeys(id, now.plus(Duration.ofHours(25)))).containsExactly(newKey);
    }

    @Test
    void rotationWithoutABodyGeneratesANewKey() {
        String id = endpointWith(KEY);

        tenant.request().post(endpoints + "/" + id + "/secret/rotate").then().statusCode(204);

        assertThat(secretOf(id)).startsWith("whsec_").isNotEqualTo(KEY);
    }

    @Test
    void aZeroOverlapRetiresTheOldKeyAtOnce() {
        String id = endpointWith(KEY);
        Instant now = Instant.now();

        QuarkusTransaction.requiringNew().run(() -> {
            Endpoint endpoint = Endpoint.findById(id);
            secrets.rotate(endpoint, null, now, Duration.ZERO);
        });

        List<String> keys = secrets.signingKeys(id, now);
        assertThat(keys).hasSize(1).doesNotContain(KEY);
        assertThat(keys.get(0)).isEqualTo(secretOf(id));
    }

    @Test
    void repeatedRotationsPurgeExpiredSecrets() throws SQLException {
        String id = endpointWith(KEY);
        Instant now = Instant.now();

        QuarkusTransaction.requiringNew().run(() -> secrets.rotate(Endpoint.findById(id), null, now, Duration.ZERO));
        QuarkusTransaction.requiringNew().run(
                () -> secrets.rotate(Endpoint.findById(id), null, now.plusSeconds(1), Duration.ofHours(1)));

        // The first key expired at "now" and is gone; the second signs beside the third for an hour.
        assertThat(ciphertexts(id)).hasSize(2);
        assertThat(secrets.signingKeys(id, now.plusSeconds(2))).hasSize(2);
    }

    @Test
    void aMalformedRotationKeyIsRefusedAndTheOldKeyStays() {
        String id = endpointWith(KEY);

        tenant.request().body("{\"key\":\"whsec_tooshort\"}").post(endpoints + "/" + id + "/secret/rotate")
                .then().statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("key"));

        assertThat(secretOf(id)).isEqualTo(KEY);
        assertThat(secrets.signingKeys(id, Instant.now())).containsExactly(KEY);
    }

    @Test
    void theSecretIsNeverPartOfTheEndpointItself() {
        String id = endpointWith(KEY);

        tenant.request().get(endpoints + "/" + id).then().statusCode(200)
                .body(not(matchesPattern("(?s).*whsec_.*")));
    }

    private static List<byte[]> ciphertexts(String endpointId) throws SQLException {
        try (Connection db = DriverManager.getConnection(EmbeddedPostgresResource.jdbcUrl(), "postgres", "");
                PreparedStatement query = db.prepareStatement(
                        "select ciphertext from endpoint_secret where endpoint_id = ?")) {
            query.setString(1, endpointId);
            List<byte[]> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getBytes(1));
                }
            }
            return rows;
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
