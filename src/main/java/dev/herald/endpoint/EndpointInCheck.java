package dev.herald.endpoint;

import dev.herald.endpoint.EndpointApi.EndpointIn;
import dev.herald.eventtype.EventType;
import dev.herald.http.ApiException;
import dev.herald.http.Problem.FieldError;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks on an endpoint's settings that bean validation cannot make: the URL against the SSRF policy, filter
 * types against the tenant's catalogue, channel names, custom headers and the secret's format. All failures are
 * reported together as one 422.
 */
@ApplicationScoped
public class EndpointInCheck {

    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$");
    private static final Pattern CHANNEL = Pattern.compile(Endpoint.CHANNEL_PATTERN);

    private final UrlPolicy urls;

    EndpointInCheck(UrlPolicy urls) {
        this.urls = urls;
    }

    public void check(String tenantId, EndpointIn in, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        try {
            urls.check(in.url());
        } catch (ApiException e) {
            errors.addAll(e.errors());
        }
        if (in.filterTypes() != null) {
            List<String> missing = EventType.missingActive(tenantId, in.filterTypes());
            if (!missing.isEmpty()) {
                errors.add(new FieldError("filterTypes",
                        "names event types that do not exist or are archived: " + String.join(", ", missing)));
            }
        }
        if (in.channels() != null) {
            for (int i = 0; i < in.channels().size(); i++) {
                String channel = in.channels().get(i);
                if (channel == null || !CHANNEL.matcher(channel).matches()) {
                    errors.add(new FieldError("channels[" + i + "]", "must match " + Endpoint.CHANNEL_PATTERN));
                }
            }
        }
        if (in.headers() != null) {
            for (Map.Entry<String, String> header : in.headers().entrySet()) {
                headerProblem(header.getKey(), header.getValue())
                        .ifPresent(message -> errors.add(new FieldError("headers." + header.getKey(), message)));
            }
        }
        if (in.secret() != null) {
            String malformation = creating ? EndpointSecret.malformation(in.secret())
                    : "can only be set on create; rotate it with POST .../secret/rotate";
            if (malformation != null) {
                errors.add(new FieldError("secret", malformation));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    /** Throws a 422 naming {@code key} unless the key may become a secret. */
    public static void checkKey(String key) {
        String malformation = EndpointSecret.malformation(key);
        if (malformation != null) {
            throw ApiException.invalid("key", malformation);
        }
    }

    private static Optional<String> headerProblem(String name, String value) {
        if (!HEADER_NAME.matcher(name).matches()) {
            return Optional.of("is not a valid header name");
        }
        if (Endpoint.isReservedHeader(name)) {
            return Optional.of("is reserved: Herald sets it itself");
        }
        if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            return Optional.of("must be a value without line breaks");
        }
        return Optional.empty();
    }
}
