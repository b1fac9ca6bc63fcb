package dev.herald.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/** The cookies Herald's pages set: always HttpOnly with a SameSite policy, Secure outside dev and test. */
@ApplicationScoped
public class Cookies {

    private final WebConfig config;

    Cookies(WebConfig config) {
        this.config = config;
    }

    public NewCookie session(String name, String value, Duration maxAge) {
        return cookie(name, value, (int) Math.max(0, maxAge.toSeconds()), NewCookie.SameSite.LAX);
    }

    public NewCookie strict(String name, String value) {
        return cookie(name, value, -1, NewCookie.SameSite.STRICT);
    }

    public NewCookie expired(String name) {
        return cookie(name, "", 0, NewCookie.SameSite.LAX);
    }

    private NewCookie cookie(String name, String value, int maxAge, NewCookie.SameSite sameSite) {
        return new NewCookie.Builder(name).value(value).path("/").maxAge(maxAge).httpOnly(true)
                .secure(config.secureCookies()).sameSite(sameSite).build();
    }
}
