package dev.herald.delivery;

import java.util.Locale;

/** Why an attempt failed, as stored in {@code attempt.error_kind}. */
public enum ErrorKind {
    HTTP_STATUS, TIMEOUT, CONNECTION, TLS, SSRF, DNS;

    public String dbValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
