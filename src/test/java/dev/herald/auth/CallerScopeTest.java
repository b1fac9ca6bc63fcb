package dev.herald.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallerScopeTest {

    @Test
    void anApiKeyIsATenantAdminOfItsOneTenant() {
        CallerScope scope = CallerScope.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("key_1")).addRole(Roles.TENANT_ADMIN)
                .addAttribute(Roles.TENANT_ATTRIBUTE, "ten_a").build());

        assertThat(scope.role()).isEqualTo(Roles.TENANT_ADMIN);
        assertThat(scope.tenants()).containsExactly("ten_a");
        assertThat(scope.app()).isNull();
        assertThat(scope.actor()).isEqualTo("key_1");
    }

    @Test
    void theMostPowerfulRoleDecidesWhenACredentialHasSeveral() {
        CallerScope scope = CallerScope.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("both")).addRole(Roles.CUSTOMER).addRole(Roles.TENANT_ADMIN)
                .addRole("offline_access").build());

        assertThat(scope.role()).isEqualTo(Roles.TENANT_ADMIN);
    }

    @Test
    void supportServesEveryTenantOfBothClaims() {
        CallerScope scope = CallerScope.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("sam")).addRole(Roles.SUPPORT)
                .addAttribute(Roles.TENANT_ATTRIBUTE, "ten_a")
                .addAttribute(Roles.TENANTS_ATTRIBUTE, Set.of("ten_a", "ten_b")).build());

        assertThat(scope.is(Roles.SUPPORT)).isTrue();
        assertThat(scope.tenants()).containsExactlyInAnyOrder("ten_a", "ten_b");
        assertThat(scope.serves("ten_b")).isTrue();
        assertThat(scope.serves("ten_c")).isFalse();
    }

    @Test
    void aCustomerNamesItsOwnApplicationOnlyByTheExactValueOfItsClaim() {
        CallerScope scope = CallerScope.of(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("carol")).addRole(Roles.CUSTOMER)
                .addAttribute(Roles.TENANT_ATTRIBUTE, "ten_a").addAttribute(Roles.APP_ATTRIBUTE, "globex").build());

        assertThat(scope.namesOwnApp("globex")).isTrue();
        assertThat(scope.namesOwnApp("initech")).isFalse();
        assertThat(scope.namesOwnApp(null)).isFalse();
    }

    @Test
    void anAnonymousCallerHasNoRoleAndNoTenant() {
        CallerScope scope = CallerScope.of(QuarkusSecurityIdentity.builder().setAnonymous(true).build());

        assertThat(scope.role()).isNull();
        assertThat(scope.tenants()).isEmpty();
        assertThat(scope.actor()).isEqualTo("anonymous");
    }

    @Test
    void claimValuesAreReadFromStringsCollectionsAndJsonArrays() {
        assertThat(CallerScope.strings("ten_a")).containsExactly("ten_a");
        assertThat(CallerScope.strings(List.of("ten_a", "ten_b"))).containsExactly("ten_a", "ten_b");
        assertThat(CallerScope.strings(Json.createArrayBuilder().add("ten_a").add("ten_b").build()))
                .containsExactly("ten_a", "ten_b");
        assertThat(CallerScope.strings(Json.createValue("ten_a"))).containsExactly("ten_a");
        assertThat(CallerScope.strings(null)).isEmpty();
        assertThat(CallerScope.strings(" ")).isEmpty();
    }
}
