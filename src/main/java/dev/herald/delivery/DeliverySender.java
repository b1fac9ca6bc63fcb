package dev.herald.delivery;

import dev.herald.signing.StandardWebhooksSigner;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.codec.BodyCodec;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Makes one signed HTTP attempt and reports how it went; never fails. Non-blocking (Vert.x Web Client with
 * keep-alive pools); only DNS resolution runs on a worker thread. Connects to the address the SSRF guard checked,
 * with the endpoint's host name in the Host header and SNI. Redirects are not followed.
 */
@ApplicationScoped
class DeliverySender {

    /** Headers an endpoint's custom headers may not set: the signature's, and those the client owns. */
    private static final Set<String> RESERVED = Set.of("host", "content-length", "content-type", "transfer-encoding",
            "connection", "user-agent");

    private final WebClient client;
    private final SendAddress addresses;
    private final StandardWebhooksSigner signer = new StandardWebhooksSigner();
    private final InstantSource clock;
    private final long timeoutMs;
    private final String userAgent;

    DeliverySender(Vertx vertx, SendAddress addresses, InstantSource clock, DeliveryConfig config,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "dev") String version) {
        this.addresses = addresses;
        this.clock = clock;
        this.timeoutMs = config.timeout().toMillis();
        this.userAgent = "Herald/" + version;
        this.client = WebClient.create(vertx.getDelegate(), new WebClientOptions()
                .setName("herald-delivery")
                .setKeepAlive(true)
                // One pool per host, and many endpoints may share a host (hooks.example.com/a, /b, ...): as many
                // connections as this instance can have requests in flight, so no request waits for a connection.
                .setMaxPoolSize(config.maxInFlight())
                .setConnectTimeout((int) config.connectTimeout().toMillis())
                .setFollowRedirects(false)
                .setUserAgentEnabled(false)
                .setTryUseCompression(false)
                .setVerifyHost(true)
                .setForceSni(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    Uni<Attempted> send(Outbound outbound) {
        Instant attemptedAt = clock.instant();
        long started = System.nanoTime();
        Map<String, String> headers;
        try {
            headers = headers(outbound, attemptedAt);
        } catch (IllegalArgumentException noKey) {
            return Uni.createFrom().item(attempted(outbound, AttemptOutcome.failure(ErrorKind.SIGNING,
                    "the endpoint has no signing secret"), attemptedAt, started, null, null));
        }
        URI url;
        try {
            url = URI.create(outbound.target().url());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(attempted(outbound, AttemptOutcome.failure(ErrorKind.CONNECTION,
                    "invalid URL: " + e.getMessage()), attemptedAt, started, headers, null));
        }
        SendAddress.Resolved known = addresses.cached(url);
        Uni<SendAddress.Resolved> address = known != null
                ? Uni.createFrom().item(known)
                : Uni.createFrom().item(() -> resolve(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        return address
                .onItem().transformToUni(resolved -> resolved.refusal() != null
                        ? Uni.createFrom().item(attempted(outbound,
                                AttemptOutcome.failure(ErrorKind.SSRF, resolved.refusal()), attemptedAt, started,
                                headers, null))
                        : post(outbound, url, resolved, headers, attemptedAt, started))
                .ifNoItem().after(java.time.Duration.ofMillis(timeoutMs))
                .failWith(() -> new TimeoutException("no complete answer within " + timeoutMs + " ms"))
                .onFailure().recoverWithItem(error -> attempted(outbound, AttemptOutcome.ofError(error), attemptedAt,
                        started, headers, null));
    }

    private SendAddress.Resolved resolve(URI url) {
        try {
            return addresses.resolve(url);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private Uni<Attempted> post(Outbound outbound, URI url, SendAddress.Resolved resolved,
            Map<String, String> headers, Instant attemptedAt, long started) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : tls ? 443 : 80;
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        String host = url.getHost().startsWith("[") ? url.getHost().substring(1, url.getHost().length() - 1)
                : url.getHost();
        ResponseExcerpt excerpt = new ResponseExcerpt();
        MultiMap sent = MultiMap.caseInsensitiveMultiMap();
        headers.forEach(sent::add);
        var request = client
                .request(HttpMethod.POST, SocketAddress.inetSocketAddress(port, resolved.address().getHostAddress()),
                        port, host, path)
                .ssl(tls)
                .putHeaders(sent)
                .connectTimeout(Math.min(timeoutMs, 5_000))
                .idleTimeout(timeoutMs)
                .followRedirects(false)
                .as(BodyCodec.pipe(excerpt, false));
        return Uni.createFrom().completionStage(() -> request.sendBuffer(Buffer.buffer(outbound.body()))
                        .toCompletionStage())
                .map((HttpResponse<Void> response) -> attempted(outbound,
                        AttemptOutcome.ofStatus(response.statusCode(),
                                RetryAfter.parse(response.getHeader("Retry-After"), clock.instant())),
                        attemptedAt, started, headers, excerpt.text()));
    }

    private Map<String, String> headers(Outbound outbound, Instant attemptedAt) {
        Map<String, String> headers = new LinkedHashMap<>();
        outbound.target().headers().forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("webhook-") && !RESERVED.contains(lower) && value != null) {
                headers.put(name, value);
            }
        });
        long timestamp = attemptedAt.getEpochSecond();
        String messageId = outbound.delivery().messageId();
        headers.put("content-type", "application/json");
        headers.put("user-agent", userAgent);
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put("webhook-signature",
                signer.sign(messageId, timestamp, outbound.body(), outbound.target().signingKeys()));
        return headers;
    }

    private static Attempted attempted(Outbound outbound, AttemptOutcome outcome, Instant attemptedAt, long started,
            Map<String, String> headers, String excerpt) {
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        return new Attempted(outbound.delivery(), outcome, attemptedAt, durationMs, headers, excerpt);
    }
}
