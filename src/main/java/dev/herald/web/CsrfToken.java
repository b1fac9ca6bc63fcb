package dev.herald.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The double-submit CSRF token of this browser: the value of the {@code herald_csrf} cookie, which every
 * state-changing form repeats in its {@code _csrf} field (htmx requests in the {@code X-CSRF-Token} header).
 * A browser without the cookie gets a fresh one with its next page ({@link CsrfGuard#issue}).
 */
@RequestScoped
public class CsrfToken {

    public static final String COOKIE = "herald_csrf";
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServerRequest request;
    private String minted;

    CsrfToken(HttpServerRequest request) {
        this.request = request;
    }

    /** The token the page's forms must carry. */
    public String value() {
        String existing = fromCookie();
        if (existing != null) {
            return existing;
        }
        if (minted == null) {
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            minted = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return minted;
    }

    /** A token made during this request that the browser does not have yet; null when none was made. */
    String minted() {
        return minted;
    }

    String fromCookie() {
        Cookie cookie = request.getCookie(COOKIE);
        return cookie == null || cookie.getValue().isBlank() ? null : cookie.getValue();
    }
}
