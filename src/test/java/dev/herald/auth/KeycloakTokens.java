package dev.herald.auth;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/** Access tokens from the test Keycloak, with the grants real callers use. */
final class KeycloakTokens {

    static final String BACKEND_CLIENT = "herald-backend";
    static final String BACKEND_SECRET = "herald-backend-secret";
    static final String PORTAL_CLIENT = "herald-portal";
    /** The tenant the realm's demo users and the backend service account are bound to. */
    static final String DEMO_TENANT = "ten_demo";
    static final String OTHER_SUPPORTED_TENANT = "ten_demo2";

    private KeycloakTokens() {
    }

    static String tokenUrl() {
        return ConfigProvider.getConfig().getValue("test.keycloak.token-url", String.class);
    }

    /** Resource-owner password grant for a demo user (password: {@code <user>-password}). */
    static String password(String user) {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "password").formParam("client_id", PORTAL_CLIENT)
                .formParam("username", user).formParam("password", user + "-password")
                .post(tokenUrl()).then().statusCode(200).extract().path("access_token");
    }

    /** Client-credentials grant of the sample tenant backend. */
    static String clientCredentials() {
        return given().contentType(ContentType.URLENC)
                .formParam("grant_type", "client_credentials")
                .formParam("client_id", BACKEND_CLIENT).formParam("client_secret", BACKEND_SECRET)
                .post(tokenUrl()).then().statusCode(200).extract().path("access_token");
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }
}
