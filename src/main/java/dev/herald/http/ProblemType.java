package dev.herald.http;

/** The catalogue of problem kinds Herald answers with. Their {@code type} URIs are part of the API contract. */
public enum ProblemType {
    BAD_REQUEST("bad-request", "Bad request", 400),
    MALFORMED_JSON("malformed-json", "Malformed JSON", 400),
    UNAUTHORIZED("unauthorized", "Authentication required", 401),
    FORBIDDEN("forbidden", "Forbidden", 403),
    NOT_FOUND("not-found", "Not found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", "Method not allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", "Not acceptable", 406),
    CONFLICT("conflict", "Conflict", 409),
    PAYLOAD_TOO_LARGE("payload-too-large", "Payload too large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", "Unsupported media type", 415),
    VALIDATION("validation", "Validation failed", 422),
    IDEMPOTENCY_MISMATCH("idempotency-key-reused", "Idempotency key reused with a different request", 422),
    TOO_MANY_REQUESTS("rate-limited", "Too many requests", 429),
    INTERNAL("internal", "Internal server error", 500),
    UNAVAILABLE("unavailable", "Service unavailable", 503);

    private final String slug;
    private final String title;
    private final int status;

    ProblemType(String slug, String title, int status) {
        this.slug = slug;
        this.title = title;
        this.status = status;
    }

    public String uri() {
        return Problem.TYPE_BASE + slug;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_JSON && type != IDEMPOTENCY_MISMATCH) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
