package dev.herald.delivery;

import java.time.Duration;
import java.util.Optional;

/**
 * What one HTTP attempt came to. 2xx is success; everything else (3xx is never followed) is a failure that is
 * retried. 410 Gone also disables the endpoint; a timeout or 429 asks the schedule to back off harder.
 *
 * @param statusCode the response status, null when no response arrived
 * @param errorKind null on success
 * @param retryAfter the receiver's {@code Retry-After}, when it sent a usable one
 */
public record AttemptOutcome(boolean succeeded, Integer statusCode, ErrorKind errorKind, String errorDetail,
        Optional<Duration> retryAfter) {

    public static AttemptOutcome ofStatus(int status, Optional<Duration> retryAfter) {
        if (status >= 200 && status < 300) {
            return new AttemptOutcome(true, status, null, null, Optional.empty());
        }
        String detail = status >= 300 && status < 400 ? "redirect " + status + " not followed"
                : "endpoint answered " + status;
        return new AttemptOutcome(false, status, ErrorKind.HTTP_STATUS, detail,
                status == 429 || status == 503 ? retryAfter : Optional.empty());
    }

    public static AttemptOutcome failure(ErrorKind kind, String detail) {
        return new AttemptOutcome(false, null, kind, detail, Optional.empty());
    }

    public boolean disablesEndpoint() {
        return statusCode != null && statusCode == 410;
    }

    /** The receiver is overloaded or too slow: wait at least the throttle floor before the next try. */
    public boolean throttles() {
        return errorKind == ErrorKind.TIMEOUT || (statusCode != null && statusCode == 429);
    }

    /** Classifies a failure of the HTTP client (no response). */
    public static AttemptOutcome ofError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof java.util.concurrent.TimeoutException || name.endsWith("ConnectTimeoutException")
                    || t instanceof java.net.SocketTimeoutException) {
                return failure(ErrorKind.TIMEOUT, "timed out: " + message(t));
            }
            if (t instanceof javax.net.ssl.SSLException || name.contains("Ssl") || name.contains("SSL")) {
                return failure(ErrorKind.TLS, "TLS failed: " + message(t));
            }
            if (t instanceof java.net.UnknownHostException) {
                return failure(ErrorKind.DNS, "host not found: " + message(t));
            }
            if (t instanceof java.net.ConnectException) {
                return failure(ErrorKind.CONNECTION, "connection refused: " + message(t));
            }
        }
        return failure(ErrorKind.CONNECTION, "connection failed: " + message(error));
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
