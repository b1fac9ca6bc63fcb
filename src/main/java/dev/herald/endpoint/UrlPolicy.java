package dev.herald.endpoint;

import dev.herald.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether a URL may be a webhook endpoint: absolute http(s), https unless plain http is allowed, and a host
 * that neither is nor resolves to an address the {@link AddressPolicy} refuses. The delivery engine asks again at
 * send time ({@link #refusal(InetAddress)}) because DNS answers change (rebinding).
 */
@ApplicationScoped
public class UrlPolicy {

    private final boolean allowHttp;
    private final AddressPolicy addresses;

    @Inject
    UrlPolicy(EndpointConfig config) {
        this(config.endpoints().allowHttp(), new AddressPolicy(config.ssrf().allowlist().orElse(List.of())));
    }

    public UrlPolicy(boolean allowHttp, AddressPolicy addresses) {
        this.allowHttp = allowHttp;
        this.addresses = addresses;
    }

    /** Throws a 422 naming the field {@code url} when the URL may not be an endpoint. */
    public URI check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            throw ApiException.invalid("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw ApiException.invalid("url", "must be an absolute http or https URL");
        }
        if (scheme.equals("http") && !allowHttp) {
            throw ApiException.invalid("url", "must use https");
        }
        if (uri.getUserInfo() != null) {
            throw ApiException.invalid("url", "must not carry credentials; use custom headers instead");
        }
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1)
                : uri.getHost();
        InetAddress[] resolved;
        try {
            resolved = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            // An unresolvable host is accepted: DNS may not exist yet; the send-time check guards delivery.
            return uri;
        }
        for (InetAddress address : resolved) {
            refusal(address).ifPresent(reason -> {
                throw ApiException.invalid("url", "points at a forbidden address: " + reason);
            });
        }
        return uri;
    }

    public Optional<String> refusal(InetAddress address) {
        return addresses.refusal(address);
    }
}
