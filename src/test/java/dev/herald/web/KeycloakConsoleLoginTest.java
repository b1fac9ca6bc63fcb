package dev.herald.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.herald.auth.KeycloakProfile;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console's (and a Keycloak customer's portal) Keycloak sign-in in a real browser: the {@code web} OIDC tenant (authorization code + PKCE with the
 * realm's public herald-portal client) against the same Keycloak as {@code KeycloakEndToEndTest}. Roles and tenants
 * come from the tokens' claims. Screenshots go to target/screenshots/.
 */
@QuarkusTest
@TestProfile(KeycloakProfile.class)
class KeycloakConsoleLoginTest {

    private static final String DEMO_TENANT = "ten_demo";
    private static final Pattern KEYCLOAK_LOGIN = Pattern.compile(".*/realms/herald/protocol/openid-connect/auth.*");
    /** Keycloak comes back to the post-logout page with the logout request's state. */
    private static final Pattern SIGNED_OUT = Pattern.compile(".*/signed-out(\\?.*)?$");

    private static Chromium chromium;

    @TestHTTPResource("/")
    URL root;

    @Inject
    AgroalDataSource db;

    private String messageId;
    private String eventId;

    @BeforeAll
    static void startBrowser() {
        chromium = new Chromium();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    @BeforeEach
    void aMessageInTheDemoTenant() {
        for (String tenant : new String[] { DEMO_TENANT, "ten_demo2" }) {
            sql("insert into tenant (id, name, created_at) values (?, ?, now()) on conflict (id) do nothing",
                    tenant, tenant);
        }
        String backend = backendToken();
        as(backend).body("{\"name\":\"Globex\",\"uid\":\"globex\"}").post("/api/v1/apps");
        String eventType = "invoice.paid." + UUID.randomUUID().toString().substring(0, 8);
        eventId = "evt-" + eventType;
        as(backend).body("{\"name\":\"" + eventType + "\"}").post("/api/v1/event-types").then().statusCode(201);
        messageId = as(backend).body("{\"eventType\":\"" + eventType + "\",\"payload\":{\"n\":1},\"eventId\":\""
                + eventId + "\"}").post("/api/v1/apps/globex/messages").then().statusCode(202).extract().path("id");
    }

    @Test
    void supportSignsInThroughKeycloak_andFindsAMessageOfItsTenant() {
        try (BrowserContext browser = chromium.laptop()) {
            Page page = keycloakFormFor(browser, "console");
            assertThat(page.locator("#username")).isVisible();
            Chromium.screenshot(page, "keycloak-login-form");

            signIn(page, "sam", "sam-password");
            page.waitForURL(Pattern.compile(".*/console$"));
            assertThat(page.getByText("Search by any of the fields above")).isVisible();
            assertThat(page.locator("body")).containsText("support");
            page.locator("#q-event").fill(eventId);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertThat(page.locator("table")).containsText(messageId);
            assertThat(page.locator("table")).containsText(DEMO_TENANT);
            Chromium.screenshot(page, "keycloak-console-search");
        }
    }

    @Test
    void aWrongPasswordStaysOnKeycloaksPage() {
        try (BrowserContext browser = chromium.laptop()) {
            Page page = keycloakFormFor(browser, "console");

            signIn(page, "sam", "not-sams-password");
            assertThat(page.getByText("Invalid username or password.").first()).isVisible();
            assertThat(page.url()).doesNotContain(root.getHost() + ":" + root.getPort() + "/console");
            assertThat(page.locator("#username")).isVisible();
            Chromium.screenshot(page, "keycloak-login-wrong-password");
        }
    }

    @Test
    void aCustomerSignedInThroughKeycloakIsRefusedTheConsole() {
        try (BrowserContext browser = chromium.laptop()) {
            Page page = keycloakFormFor(browser, "console");

            signIn(page, "carol", "carol-password");
            page.waitForURL(Pattern.compile(".*/console$"));
            assertThat(page.getByText("Not allowed")).isVisible();
            assertThat(page.getByText("no support or tenant-admin role")).isVisible();
            com.microsoft.playwright.Response again = page.reload();
            assertThat(again.status()).isEqualTo(403);
            Chromium.screenshot(page, "keycloak-console-customer-refused");
        }
    }

    @Test
    void aCustomerSignsInToThePortalThroughKeycloak_andLandsOnHerApplicationsEndpoints() {
        try (BrowserContext browser = chromium.laptop()) {
            Page page = keycloakFormFor(browser, "portal/login");

            signIn(page, "carol", "carol-password");
            page.waitForURL(Pattern.compile(".*/portal/endpoints$"));
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Endpoints")))
                    .isVisible();
            assertThat(page.locator("body")).containsText("Globex");
            Chromium.screenshot(page, "keycloak-portal-endpoints");
        }
    }

    @Test
    void supportSignsOut_andTheNextVisitAsksKeycloakForThePasswordAgain() {
        try (BrowserContext browser = chromium.laptop()) {
            Page page = keycloakFormFor(browser, "console");
            signIn(page, "sam", "sam-password");
            page.waitForURL(Pattern.compile(".*/console$"));

            page.getByText("Sign out").click();
            page.waitForURL(SIGNED_OUT);
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Signed out")))
                    .isVisible();
            Chromium.screenshot(page, "keycloak-console-signed-out");

            // Keycloak's own session ended too: without that, single sign-on would let this visit straight in.
            assertAsksForThePasswordAgain(page, "console");
        }
    }

    @Test
    void aKeycloakCustomerSignsOutOfThePortal_andMustSignInAgain() {
        try (BrowserContext browser = chromium.laptop()) {
            Page page = keycloakFormFor(browser, "portal/login");
            signIn(page, "carol", "carol-password");
            page.waitForURL(Pattern.compile(".*/portal/endpoints$"));

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
            page.waitForURL(SIGNED_OUT);

            assertAsksForThePasswordAgain(page, "portal/login");
        }
    }

    /** A fresh tab on the path, followed to Keycloak's sign-in form. */
    private Page keycloakFormFor(BrowserContext browser, String path) {
        Page page = browser.newPage();
        page.navigate(root + path);
        page.waitForURL(KEYCLOAK_LOGIN);
        return page;
    }

    /** After a sign-out the path shows Keycloak's form again: the Keycloak session ended too. */
    private void assertAsksForThePasswordAgain(Page page, String path) {
        page.navigate(root + path);
        page.waitForURL(KEYCLOAK_LOGIN);
        assertThat(page.locator("#username")).isVisible();
    }

    private static void signIn(Page page, String user, String password) {
        page.locator("#username").fill(user);
        page.locator("#password").fill(password);
        page.locator("#kc-login").click();
    }

    private static String backendToken() {
        String tokenUrl = ConfigProvider.getConfig().getValue("test.keycloak.token-url", String.class);
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", "herald-backend").formParam("client_secret", "herald-backend-secret")
                .post(tokenUrl).then().statusCode(200).extract().path("access_token");
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private void sql(String statement, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
