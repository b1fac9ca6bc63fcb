package dev.herald.web;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Where a Keycloak sign-out of the console or portal ends: the session is over at Herald and at Keycloak. */
@Path("/signed-out")
@PermitAll
public class SignedOutPage {

    private final ErrorPages pages;

    SignedOutPage(ErrorPages pages) {
        this.pages = pages;
    }

    @GET
    public Response show() {
        return pages.render(new PageError(200, "Signed out", "You are signed out of Herald and of Keycloak.",
                "Signing in again asks for your password."));
    }
}
