package dev.herald.auth;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;

/** Herald with OIDC switched on against a real Keycloak (see {@link KeycloakResource}). */
public class KeycloakProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KeycloakResource.class));
    }
}
