package dev.herald.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where failures become RFC 9457 problems: Herald's own, bean validation's, Jackson's, the security
 * layer's and the framework's (unknown route, wrong method, wrong media type). Unexpected errors are logged once
 * with an id the caller sees, and nothing else leaks.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return respond(e.type(), e.getMessage(), e.errors(), request);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemType.VALIDATION, errors.size() + " field(s) are invalid", errors, request);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        String field = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                .orElse("body");
        String message = e instanceof InvalidFormatException ife
                ? "cannot be read as " + ife.getTargetType().getSimpleName()
                : "has the wrong type or shape";
        return respond(ProblemType.VALIDATION, field + " " + message,
                List.of(new Problem.FieldError(field, message)), request);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, HttpServerRequest request) {
        return respond(ProblemType.MALFORMED_JSON, "The request body is not valid JSON: " + e.getOriginalMessage(),
                null, request);
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class })
    public Response unauthorized(Exception e, HttpServerRequest request) {
        Response problem = respond(ProblemType.UNAUTHORIZED,
                "Send a valid bearer token in the Authorization header", null, request);
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return respond(ProblemType.FORBIDDEN, "Your credentials do not allow this operation", null, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return json instanceof MismatchedInputException mismatch ? mismatchedInput(mismatch, request)
                    : malformedJson(json, request);
        }
        ProblemType type = ProblemType.forStatus(status);
        String detail = switch (type) {
            case NOT_FOUND -> "No resource at " + request.path();
            case METHOD_NOT_ALLOWED -> request.method() + " is not allowed on " + request.path();
            case UNSUPPORTED_MEDIA_TYPE -> "Send the request body as application/json";
            case NOT_ACCEPTABLE -> "This resource answers with application/json";
            default -> e.getMessage();
        };
        return respond(type, detail, null, request, status);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, HttpServerRequest request) {
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected error %s on %s %s", errorId, request.method(), request.path());
        return respond(ProblemType.INTERNAL, "Something went wrong on our side; quote error id " + errorId, null,
                request);
    }

    private static Response respond(ProblemType type, String detail, List<Problem.FieldError> errors,
            HttpServerRequest request) {
        return respond(type, detail, errors, request, type.status());
    }

    private static Response respond(ProblemType type, String detail, List<Problem.FieldError> errors,
            HttpServerRequest request, int status) {
        Problem problem = new Problem(type.uri(), type.title(), status, detail, request.path(), null, errors);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        // "create.in.url" -> "url": drop the method and parameter segments bean validation puts in front.
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts[parts.length - 1];
    }
}
