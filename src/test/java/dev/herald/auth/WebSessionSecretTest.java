package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Every replica, and every restart, with the same master key encrypts web sessions with the same secret, so a
 * Keycloak sign-in to the console or portal survives both.
 */
@QuarkusTest
class WebSessionSecretTest {

    private static final String KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    @Test
    void theRunningServiceUsesTheSecretDerivedFromItsMasterKey() {
        String configured = ConfigProvider.getConfig().getValue(WebSessionSecret.PROPERTY, String.class);

        assertThat(configured).isEqualTo(WebSessionSecret.derive(KEY)).isNotEqualTo(KEY).hasSize(44);
    }

    @Test
    void theSameMasterKeyAlwaysGivesTheSameSecretAndAnotherKeyAnotherOne() {
        assertThat(WebSessionSecret.derive(KEY)).isEqualTo(WebSessionSecret.derive(KEY + "\n"));
        assertThat(WebSessionSecret.derive("AQECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="))
                .isNotEqualTo(WebSessionSecret.derive(KEY));
    }
}
