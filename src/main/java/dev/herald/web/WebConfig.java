package dev.herald.web;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of Herald's web pages (the consumer portal and the support console). */
@ConfigMapping(prefix = "herald.web")
public interface WebConfig {

    /** Marks the session and CSRF cookies {@code Secure}; off only in dev and test, which run on plain http. */
    @WithName("secure-cookies")
    @WithDefault("true")
    boolean secureCookies();

    /**
     * Whether people sign in to the console (and customers to the portal) through the {@code web} OIDC tenant
     * ({@code quarkus.oidc.web.*}). On: anonymous console visitors are sent to {@code /console/login}, which redirects
     * to the identity provider. Off: the console answers every visitor with "sign in required".
     */
    @WithName("oidc-login")
    @WithDefault("false")
    boolean oidcLogin();
}
