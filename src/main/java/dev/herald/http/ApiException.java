package dev.herald.http;

import java.util.List;

/**
 * A failure that the API reports to its caller as a problem. Domain code throws the named factories; the
 * {@link ProblemMapper} turns them into {@code application/problem+json}.
 */
public class ApiException extends RuntimeException {

    private final ProblemType type;
    private final List<Problem.FieldError> errors;

    public ApiException(ProblemType type, String detail) {
        this(type, detail, null);
    }

    public ApiException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.errors = errors;
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(ProblemType.NOT_FOUND, what + " '" + id + "' does not exist");
    }

    public static ApiException conflict(String detail) {
        return new ApiException(ProblemType.CONFLICT, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(ProblemType.FORBIDDEN, detail);
    }

    public static ApiException invalid(String field, String message) {
        return new ApiException(ProblemType.VALIDATION, field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ApiException invalid(List<Problem.FieldError> errors) {
        return new ApiException(ProblemType.VALIDATION, errors.size() + " field(s) are invalid", errors);
    }

    public ProblemType type() {
        return type;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
