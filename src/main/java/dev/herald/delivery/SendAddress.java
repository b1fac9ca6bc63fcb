package dev.herald.delivery;

import dev.herald.endpoint.AddressPolicy;
import dev.herald.endpoint.EndpointConfig;
import dev.herald.endpoint.UrlPolicy;
import jakarta.inject.Inject;
import java.util.List;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The SSRF guard at send time: resolves an endpoint's host and refuses it when any of its addresses is one the
 * {@link UrlPolicy} forbids. The sender then connects to the checked address itself, so a DNS answer that
 * changes between check and connect (rebinding) cannot redirect it. Resolution blocks: call it off the event loop.
 */
@ApplicationScoped
class SendAddress {

    /** Where to connect, or why not. */
    record Resolved(InetAddress address, String refusal) {
    }

    private final UrlPolicy policy;

    @Inject
    SendAddress(EndpointConfig config) {
        // The same rules UrlPolicy applies when an endpoint is saved (built here so no bean wiring is assumed).
        this(new UrlPolicy(config.endpoints().allowHttp(),
                new AddressPolicy(config.ssrf().allowlist().orElse(List.of()))));
    }

    SendAddress(UrlPolicy policy) {
        this.policy = policy;
    }

    Resolved resolve(URI url) throws UnknownHostException {
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses = InetAddress.getAllByName(host);
        for (InetAddress address : addresses) {
            Optional<String> refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                return new Resolved(null, "refused to connect to " + url.getHost() + ": " + refusal.get());
            }
        }
        return new Resolved(addresses[0], null);
    }
}
