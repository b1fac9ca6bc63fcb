package dev.herald.web;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.core.CurrentRequestManager;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;

/**
 * The one place that checks CSRF tokens: every request to the pages ({@code /portal}, {@code /console}) other than
 * GET and HEAD must repeat the {@code herald_csrf} cookie in its {@code _csrf} form field or {@code X-CSRF-Token}
 * header, or it is refused with 403 before any resource method runs. The API ({@code /api/v1}) is not cookie
 * authenticated and is left alone.
 */
public class CsrfGuard {

    private final CsrfToken token;
    private final ErrorPages errors;
    private final Cookies cookies;

    CsrfGuard(CsrfToken token, ErrorPages errors, Cookies cookies) {
        this.token = token;
        this.errors = errors;
        this.cookies = cookies;
    }

    @ServerRequestFilter
    @WithFormRead
    public Response check(ContainerRequestContext context) {
        String method = context.getMethod();
        if (!isPage(context.getUriInfo().getPath()) || HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            return null;
        }
        ResteasyReactiveRequestContext request = CurrentRequestManager.get();
        String expected = token.fromCookie();
        Object field = request.getFormParameter(CsrfToken.FIELD, true, false);
        String sent = field != null ? field.toString() : context.getHeaderString(CsrfToken.HEADER);
        if (expected != null && sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        return errors.render(new PageError(403, "This form has expired",
                "The form was not sent from a page of this site, or the page is too old.",
                "Go back, reload the page and try again."));
    }

    /** Gives the browser the token its forms were rendered with, when it did not have one yet. */
    @ServerResponseFilter
    public void issue(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getUriInfo().getPath().startsWith("/api/")) {
            return; // the API renders no forms: no token bean to make on its hot paths
        }
        String minted = token.minted();
        if (minted != null) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, cookies.strict(CsrfToken.COOKIE, minted));
        }
    }

    static boolean isPage(String path) {
        return path.equals("/portal") || path.startsWith("/portal/") || path.equals("/console")
                || path.startsWith("/console/");
    }
}
