package dev.herald.delivery;

import dev.herald.endpoint.AddressPolicy;
import dev.herald.endpoint.EndpointConfig;
import dev.herald.endpoint.UrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The SSRF guard at send time: resolves an endpoint's host and refuses it when any of its addresses is one the
 * {@link UrlPolicy} forbids. The sender then connects to the checked address itself, so a DNS answer that
 * changes between check and connect (rebinding) cannot redirect it. Resolution blocks: call it off the event loop.
 * Answers (allowed or refused) are kept per host for as long as the JVM keeps a DNS answer (30 s), so that a steady
 * stream to one endpoint resolves without a thread hop per delivery: {@link #cached} never blocks.
 */
@ApplicationScoped
class SendAddress {

    /** Where to connect, or why not. */
    record Resolved(InetAddress address, String refusal) {
    }

    private static final long TTL_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final int MAX_CACHED = 10_000;

    private record Cached(Resolved resolved, long until) {
    }

    private final UrlPolicy policy;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    @Inject
    SendAddress(EndpointConfig config) {
        // The same rules UrlPolicy applies when an endpoint is saved (built here so no bean wiring is assumed).
        this(new UrlPolicy(config.endpoints().allowHttp(),
                new AddressPolicy(config.ssrf().allowlist().orElse(List.of()))));
    }

    SendAddress(UrlPolicy policy) {
        this.policy = policy;
    }

    /** The answer {@link #resolve} gave for this URL's host within the last 30 s, or null. Never blocks. */
    Resolved cached(URI url) {
        Cached cached = cache.get(url.getHost());
        return cached != null && System.nanoTime() - cached.until() < 0 ? cached.resolved() : null;
    }

    /** Resolves and checks the URL's host (blocking), and remembers the answer. */
    Resolved resolve(URI url) throws UnknownHostException {
        Resolved resolved = lookUp(url);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(url.getHost(), new Cached(resolved, System.nanoTime() + TTL_NANOS));
        return resolved;
    }

    private Resolved lookUp(URI url) throws UnknownHostException {
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
