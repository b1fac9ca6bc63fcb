package dev.herald.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.Cookie;
import com.standardwebhooks.Webhook;
import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The portal and the console in a real browser (Debian's Chromium through Playwright), against a receiver on
 * 127.0.0.1. Each test saves screenshots of the pages it visits under target/screenshots/.
 */
@QuarkusTest
class PortalBrowserTest {

    private static final String EXAMPLE = "{\"invoiceId\":\"in_123\",\"amount\":4200,\"currency\":\"EUR\"}";
    private static final Duration DELIVERED = Duration.ofSeconds(15);

    private static Chromium chromium;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void startBrowser() {
        chromium = new Chromium();
    }

    @AfterAll
    static void stopBrowser() {
        chromium.close();
    }

    @Test
    void aCustomerOpensThePortalLink_addsAnEndpoint_sendsATestEvent_andSeesTheSuccessfulAttempt() throws Exception {
        TenantKey tenant = tenantWithCatalogue("Acme");
        String appId = app(tenant, "globex");
        try (Receiver receiver = new Receiver(); BrowserContext browser = chromium.laptop()) {
            Page page = browser.newPage();
            page.navigate(portalLink(tenant, appId));

            page.waitForURL("**/portal/endpoints");
            assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Endpoints")))
                    .isVisible();
            assertThat(page.url()).doesNotContain("token");
            assertThat(page.getByText("No endpoints yet")).isVisible();
            sessionCookieIsHttpOnlyAndSameSite(browser);
            Chromium.screenshot(page, "portal-endpoints-empty");

            page.getByText("Add your first endpoint").click();
            page.locator("#url").fill("ftp://example.com/hooks");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint")).click();
            assertThat(page.locator("#url-error")).containsText("must be an absolute http or https URL");
            assertThat(page.locator("#url")).hasValue("ftp://example.com/hooks");
            Chromium.screenshot(page, "portal-endpoint-form-error");

            page.locator("#url").fill(receiver.url("/hooks"));
            page.locator("#description").fill("Billing service");
            page.locator("input[name=filterTypes][value='invoice.paid']").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint")).click();
            page.waitForURL(Pattern.compile(".*/portal/endpoints/ep_[^/]+\\?notice=created$"));
            assertThat(page.locator(".notice")).containsText("Endpoint added");

            page.getByText("Reveal secret").click();
            assertThat(page.locator("#secret-value")).containsText("whsec_");
            String secret = page.locator("#secret-value").textContent().strip();
            Chromium.screenshot(page, "portal-endpoint");

            page.locator("#test-type").selectOption("invoice.paid");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send test event")).click();
            page.waitForURL(Pattern.compile(".*/portal/messages/msg_[^/]+\\?notice=sent$"));
            reloadUntilVisible(page, page.locator("details.attempt .pill.ok"));
            assertThat(page.locator("details.attempt .pill.ok").first()).hasText("HTTP 200");
            page.locator("details.attempt summary").first().click();
            assertThat(page.locator("details.attempt dl.kv").first()).containsText("webhook-signature");
            assertThat(page.locator("#message-body")).containsText("in_123");
            Chromium.screenshot(page, "portal-message");

            assertThat(receiver.received()).hasSize(1);
            Receiver.Received delivery = receiver.received().getFirst();
            new Webhook(secret).verify(delivery.body(), HttpHeaders.of(delivery.headers(), (name, value) -> true));
            assertThat(page.locator("#message-body")).hasText(delivery.body());

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Event types")).click();
            assertThat(page.locator("#type-invoice\\.paid")).containsText("An invoice was paid");
            Chromium.screenshot(page, "portal-event-types");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Messages").setExact(true)).click();
            assertThat(page.locator("table")).containsText("invoice.paid");
            Chromium.screenshot(page, "portal-messages");
        }
    }

    @Test
    void anEndpointThatKeepsFailing_isFoundInTheLog_andRecoveredOnceItWorksAgain() throws Exception {
        TenantKey tenant = tenantWithCatalogue("Initech");
        String appId = app(tenant, "hooli");
        try (Receiver receiver = new Receiver(); BrowserContext browser = chromium.laptop()) {
            receiver.answer(500);
            Page page = browser.newPage();
            page.onDialog(dialog -> dialog.accept());
            page.navigate(portalLink(tenant, appId));
            page.waitForURL("**/portal/endpoints");
            page.getByText("Add your first endpoint").click();
            page.locator("#url").fill(receiver.url("/failing"));
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add endpoint")).click();
            page.waitForURL(Pattern.compile(".*/portal/endpoints/ep_[^/]+\\?notice=created$"));
            String endpointPage = page.url().replaceAll("\\?.*$", "");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send test event")).click();
            page.waitForURL(Pattern.compile(".*/portal/messages/msg_.*"));
            String messageId = page.url().replaceAll(".*/messages/([^?]+).*", "$1");

            page.navigate(root + "portal/messages?status=exhausted");
            reloadUntilVisible(page, page.getByText(messageId));
            Chromium.screenshot(page, "portal-messages-exhausted");

            receiver.answer(200);
            page.navigate(endpointPage);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Recover")).click();
            assertThat(page.locator(".notice")).containsText("1 failed delivery is being sent again");

            page.navigate(root + "portal/messages/" + messageId);
            reloadUntilVisible(page, page.locator("details.attempt .pill.ok"));
            assertThat(page.locator(".pill.succeeded")).isVisible();
            assertThat(page.locator("details.attempt").first()).containsText("manual");

            page.navigate(endpointPage);
            assertThat(page.locator("#rate-24h")).not().hasText("no attempts");
            page.waitForSelector(".chart svg");
            Chromium.screenshot(page, "portal-endpoint-health");
        }
    }

    @Test
    void aSupportPersonFindsTheMessage_resendsIt_andTheAuditLogShowsIt() throws Exception {
        TenantKey tenant = tenantWithCatalogue("Umbrella");
        String appId = app(tenant, "wayne");
        try (Receiver receiver = new Receiver(); BrowserContext browser = chromium.laptop()) {
            String endpointId = tenant.request().body("{\"url\":\"" + receiver.url("/support") + "\"}")
                    .post("/api/v1/apps/" + appId + "/endpoints").then().statusCode(201).extract().path("id");
            String messageId = tenant.request()
                    .body("{\"eventType\":\"invoice.paid\",\"eventId\":\"evt-42\",\"payload\":" + EXAMPLE + "}")
                    .post("/api/v1/apps/" + appId + "/messages").then().statusCode(202).extract().path("id");
            await().atMost(DELIVERED).until(() -> receiver.received().size() == 1);

            Page anonymous = browser.newPage();
            anonymous.navigate(root + "console");
            assertThat(anonymous.getByText("Sign in required")).isVisible();
            Chromium.screenshot(anonymous, "console-sign-in-required");
            anonymous.close();

            browser.addCookies(List.of(new Cookie(TestConsoleLogin.COOKIE,
                    TestConsoleLogin.value("sam", "support", tenant.tenantId())).setUrl(root.toString())));
            Page page = browser.newPage();
            page.navigate(root + "console");
            assertThat(page.getByText("Search by any of the fields above")).isVisible();
            page.locator("#q-event").fill("evt-42");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();
            assertThat(page.locator("table")).containsText(messageId);
            Chromium.screenshot(page, "console-search");

            page.getByText(messageId).click();
            assertThat(page.locator(".pill.succeeded")).isVisible();
            Chromium.screenshot(page, "console-message");
            page.getByText("Resend…").click();
            assertThat(page.getByText("Resend this message?")).isVisible();
            Chromium.screenshot(page, "console-confirm-resend");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, resend")).click();
            assertThat(page.locator(".notice")).containsText("Resend queued");
            await().atMost(DELIVERED).until(() -> receiver.received().size() == 2);
            assertThat(receiver.received().get(1).headers().get("Webhook-id")).containsExactly(messageId);

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Audit log")).click();
            Locator resend = page.locator("tr", new Page.LocatorOptions().setHasText("message.resend"));
            assertThat(resend).containsText("sam");
            assertThat(resend).containsText(messageId);
            assertThat(resend).containsText(endpointId);
            Chromium.screenshot(page, "console-audit");
        }
    }

    @Test
    void thePagesFitAPhone() throws Exception {
        TenantKey tenant = tenantWithCatalogue("Stark");
        String appId = app(tenant, "pepper");
        tenant.request().body("{\"url\":\"https://example.com/hooks\",\"description\":\"Orders\"}")
                .post("/api/v1/apps/" + appId + "/endpoints").then().statusCode(201);
        try (BrowserContext browser = chromium.phone()) {
            Page page = browser.newPage();
            page.navigate(portalLink(tenant, appId));
            page.waitForURL("**/portal/endpoints");
            assertThat(page.locator("td.url")).containsText("https://example.com/hooks");
            int overflow = ((Number) page.evaluate(
                    "document.documentElement.scrollWidth - document.documentElement.clientWidth")).intValue();
            assertThat(overflow).as("horizontal overflow at phone width").isLessThanOrEqualTo(0);
            Chromium.screenshot(page, "phone-portal-endpoints");
            page.locator("td.url a").click();
            assertThat(page.getByText("Signing secret")).isVisible();
            Chromium.screenshot(page, "phone-portal-endpoint");

            page.navigate(root + "portal/" + appId + "#token=hpt_forged.token");
            assertThat(page.getByText("This portal link does not work")).isVisible();
            Chromium.screenshot(page, "phone-portal-bad-link");
        }
    }

    private static void sessionCookieIsHttpOnlyAndSameSite(BrowserContext browser) {
        Cookie session = browser.cookies().stream().filter(c -> c.name.equals("herald_portal")).findFirst()
                .orElseThrow();
        assertThat(session.httpOnly).isTrue();
        assertThat(session.sameSite).isNotNull();
        assertThat(session.sameSite.name()).isIn("LAX", "STRICT");
    }

    /** Attempts are made by the delivery engine in the background: reload until one shows. */
    private static void reloadUntilVisible(Page page, Locator locator) {
        await().atMost(DELIVERED).pollInSameThread().pollInterval(Duration.ofMillis(300)).until(() -> {
            page.reload();
            return locator.count() > 0;
        });
    }

    private String portalLink(TenantKey tenant, String appId) {
        String token = tenant.request().post("/api/v1/apps/" + appId + "/portal-access").then().statusCode(201)
                .extract().path("token");
        return root + "portal/" + appId + "#token=" + token;
    }

    private static TenantKey tenantWithCatalogue(String name) {
        TenantKey tenant = TestTenants.aTenant(name);
        tenant.request().body("""
                {"name":"invoice.paid","description":"An invoice was paid in full.",
                 "schema":{"type":"object","required":["invoiceId"],"properties":{"invoiceId":{"type":"string"},
                   "amount":{"type":"integer"},"currency":{"type":"string"}}},
                 "example":%s}""".formatted(EXAMPLE)).post("/api/v1/event-types").then().statusCode(201);
        tenant.request().body("{\"name\":\"invoice.voided\",\"description\":\"An invoice was voided.\"}")
                .post("/api/v1/event-types").then().statusCode(201);
        return tenant;
    }

    private static String app(TenantKey tenant, String uid) {
        return tenant.request().body("{\"name\":\"" + uid + " Inc.\",\"uid\":\"" + uid + "\"}")
                .post("/api/v1/apps").then().statusCode(201).extract().path("id");
    }
}
