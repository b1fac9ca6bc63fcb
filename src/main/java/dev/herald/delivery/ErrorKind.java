package dev.herald.delivery;

import java.util.Locale;

/** Why an attempt failed, as stored in {@code attempt.error_kind}. */
public enum ErrorKind {
    HTTP_STATUS, TIMEOUT, CONNECTION, TLS, SSRF, DNS,
    /** The endpoint has no secret that signs now. */
    SIGNING;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
