package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenMechanismTest {

    @Test
    void theTokenIsWhatFollowsTheBearerSchemeInAnyCase() {
        assertThat(BearerTokenMechanism.bearerToken("Bearer hk_abc")).isEqualTo("hk_abc");
        assertThat(BearerTokenMechanism.bearerToken("bearer   hk_abc ")).isEqualTo("hk_abc");
        assertThat(BearerTokenMechanism.bearerToken("Basic dXNlcjpwYXNz")).isNull();
        assertThat(BearerTokenMechanism.bearerToken("Bearer ")).isNull();
        assertThat(BearerTokenMechanism.bearerToken(null)).isNull();
    }

    @Test
    void aCompactJwtIsLeftToTheOidcMechanism() {
        assertThat(BearerTokenMechanism.isJwt("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")).isTrue();
        assertThat(BearerTokenMechanism.isJwt("hk_abc")).isFalse();
        assertThat(BearerTokenMechanism.isJwt("hpt_eyJqdGkiOiJ4In0.c2ln")).isFalse();
        assertThat(BearerTokenMechanism.isJwt("a.b.c")).isFalse();
    }
}
