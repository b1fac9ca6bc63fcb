package dev.herald.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;

import dev.herald.TestTenants;
import dev.herald.TestTenants.TenantKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** The pages' guards without a browser: CSRF, session cookies, who gets in, and the static assets they load. */
@QuarkusTest
class PagesSecurityTest {

    @Test
    void aFormPostWithoutTheCsrfToken_isRefusedWithAnErrorPage() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("token", "hpt_anything").post("/portal/session")
                .then().statusCode(403).contentType(containsString("text/html"))
                .body(containsString("This form has expired"));
    }

    @Test
    void aPortalLink_becomesAnHttpOnlySameSiteSessionCookie_andTheRedirectDropsTheToken() {
        TenantKey tenant = TestTenants.aTenant("Cookies");
        String appId = tenant.request().body("{\"name\":\"Cookie app\"}").post("/api/v1/apps").then().statusCode(201)
                .extract().path("id");
        String token = tenant.request().post("/api/v1/apps/" + appId + "/portal-access").then().statusCode(201)
                .extract().path("token");
        Response landing = given().get("/portal/" + appId);
        String csrf = landing.getCookie(CsrfToken.COOKIE);
        landing.then().statusCode(200).header("Set-Cookie", allOf(containsString("HttpOnly"),
                containsString("SameSite=Strict")));

        given().redirects().follow(false).cookie(CsrfToken.COOKIE, csrf).contentType("application/x-www-form-urlencoded")
                .formParam(CsrfToken.FIELD, csrf).formParam("token", token).post("/portal/session")
                .then().statusCode(303).header("Location", endsWith("/portal/endpoints"))
                .header("Location", not(containsString("hpt_")))
                .header("Set-Cookie", allOf(containsString("herald_portal=hpt_"), containsString("HttpOnly"),
                        containsString("SameSite=Lax")));

        given().cookie("herald_portal", token).get("/portal/endpoints")
                .then().statusCode(200).body(containsString("No endpoints yet"));
    }

    @Test
    void aCustomerSeesOnlyTheirOwnApplication_anotherAppsEndpointIsNotFound() {
        TenantKey tenant = TestTenants.aTenant("Two apps");
        String mine = tenant.request().body("{\"name\":\"Mine\"}").post("/api/v1/apps").then().statusCode(201)
                .extract().path("id");
        String theirs = tenant.request().body("{\"name\":\"Theirs\"}").post("/api/v1/apps").then().statusCode(201)
                .extract().path("id");
        String foreignEndpoint = tenant.request().body("{\"url\":\"https://example.com/theirs\"}")
                .post("/api/v1/apps/" + theirs + "/endpoints").then().statusCode(201).extract().path("id");
        String token = tenant.request().post("/api/v1/apps/" + mine + "/portal-access").then().statusCode(201)
                .extract().path("token");

        given().cookie("herald_portal", token).get("/portal/endpoints/" + foreignEndpoint)
                .then().statusCode(404).contentType(containsString("text/html")).body(containsString("Not found"));
        given().cookie("herald_portal", token).get("/portal/endpoints")
                .then().statusCode(200).body(not(containsString("example.com/theirs")));
    }

    @Test
    void withoutASession_thePortalAndTheConsoleSayHowToGetIn() {
        given().get("/portal/endpoints").then().statusCode(401).contentType(containsString("text/html"))
                .body(containsString("Your portal session has ended"));
        given().cookie("herald_portal", "hpt_forged.value").get("/portal/endpoints").then().statusCode(401);
        given().get("/console").then().statusCode(401).body(containsString("Sign in required"));
        given().cookie(TestConsoleLogin.COOKIE, TestConsoleLogin.value("cust", "customer", "ten_x"))
                .get("/console").then().statusCode(403).body(containsString("no support or tenant-admin role"));
    }

    @Test
    void theScriptsAndStylesThePagesLoad_areServed() {
        given().get("/_static/htmx.org/2.0.2/dist/htmx.min.js").then().statusCode(200);
        given().get("/_static/echarts/6.0.0/dist/echarts.min.js").then().statusCode(200);
        given().get("/assets/herald.css").then().statusCode(200);
        given().get("/assets/herald.js").then().statusCode(200);
    }
}
