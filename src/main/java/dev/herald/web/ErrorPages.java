package dev.herald.web;

import dev.herald.http.ApiException;
import dev.herald.http.Problem.FieldError;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.stream.Collectors;

/**
 * Renders what goes wrong on a page as an HTML page a person can act on. The API keeps answering problem+json
 * through its own mapper; page resources route their exceptions here with a class-local exception mapper.
 */
@ApplicationScoped
public class ErrorPages {

    @CheckedTemplate(basePath = "web")
    static class Templates {
        static native TemplateInstance error(Frame frame, int status, String heading, String message, String hint,
                String link, String linkLabel);
    }

    private final Instance<CsrfToken> csrf;
    private final Instance<HttpServerRequest> request;

    ErrorPages(Instance<CsrfToken> csrf, Instance<HttpServerRequest> request) {
        this.csrf = csrf;
        this.request = request;
    }

    public Response render(PageError error) {
        if (error.isRedirect()) {
            return Response.seeOther(java.net.URI.create(error.link())).header("Cache-Control", "no-store").build();
        }
        String path = request.get().path();
        String area = path.startsWith("/console") ? "console" : "portal";
        Frame frame = new Frame(area, error.title(), null, null, csrf.get().value(), null);
        String html = Templates.error(frame, error.status(), error.title(), error.getMessage(), error.hint(),
                error.link(), error.linkLabel()).render();
        return Response.status(error.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html)
                .header("Cache-Control", "no-store").build();
    }

    /** An API rule broken on a page (a foreign id, a conflict): the same words, as a page. */
    public Response render(ApiException e) {
        String message = e.getMessage();
        if (e.errors() != null && !e.errors().isEmpty()) {
            message = e.errors().stream().map(FieldError::message).collect(Collectors.joining("; "));
        }
        int status = e.type().status();
        String title = switch (status) {
            case 404 -> "Not found";
            case 409 -> "Not possible right now";
            case 403 -> "Not allowed";
            case 401 -> "Sign in required";
            default -> e.type().title();
        };
        return render(new PageError(status, title, message, null));
    }
}
