package dev.herald.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * A bearer token of Herald's own making (the admin token, an API key {@code hk_...}, a portal token {@code hpt_...}).
 * Its own request type keeps these tokens away from the OIDC identity provider, which handles
 * {@code TokenAuthenticationRequest}s.
 */
public class HeraldTokenRequest extends BaseAuthenticationRequest {

    private final String token;

    public HeraldTokenRequest(String token) {
        this.token = token;
    }

    public String token() {
        return token;
    }
}
