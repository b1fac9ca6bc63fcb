package dev.herald.message;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.application.Application;
import dev.herald.eventtype.EventType;
import dev.herald.eventtype.PayloadValidator;
import dev.herald.http.ApiException;
import dev.herald.http.Problem;
import dev.herald.http.ProblemType;
import dev.herald.id.PrefixedId;
import dev.herald.message.MessageApi.MessageIn;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Accepts a message: validates it, stores it with one pending delivery per matching endpoint in one transaction,
 * and only then answers. A repeated {@code Idempotency-Key} (per tenant) or {@code eventId} (per application)
 * answers with the first message, never a second one, also when the two requests race: the unique indexes decide.
 */
@ApplicationScoped
public class MessageIngest {

    private static final String CLAIM_KEY = """
            insert into idempotency_key (tenant_id, key, request_hash, message_id, created_at)
            values (?, ?, ?, ?, ?)
            on conflict (tenant_id, key) do update
                set request_hash = excluded.request_hash, message_id = excluded.message_id,
                    created_at = excluded.created_at
                where idempotency_key.created_at < ?
            returning message_id""";
    private static final String EARLIER_KEY = """
            select request_hash, message_id from idempotency_key where tenant_id = ? and key = ?""";
    private static final String INSERT_MESSAGE = """
            insert into message (id, tenant_id, app_id, event_type, event_id, channels, payload, created_at)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            on conflict (app_id, event_id) where event_id is not null do nothing""";
    private static final String EARLIER_EVENT = "select id from message where app_id = ? and event_id = ?";
    private static final String REPOINT_KEY = "update idempotency_key set message_id = ? where tenant_id = ? and key = ?";
    private static final String FAN_OUT = """
            insert into delivery (tenant_id, app_id, message_id, endpoint_id, state, next_attempt_at, created_at,
                                  updated_at)
            select e.tenant_id, e.app_id, ?, e.id, 'pending', ?, ?, ?
            from endpoint e
            where e.tenant_id = ? and e.app_id = ? and not e.disabled
              and (e.filter_types is null or ? = any (e.filter_types))
              and (e.channels is null or e.channels && ?)""";

    private final DataSource dataSource;
    private final InstantSource clock;
    private final IngestConfig config;
    private final PayloadValidator validator;
    private final ObjectMapper json;
    private final Event<MessageAccepted> accepted;
    private final IngestLookup lookup;
    private final GroupCommit groupCommit;

    MessageIngest(DataSource dataSource, InstantSource clock, IngestConfig config, PayloadValidator validator,
            ObjectMapper json, Event<MessageAccepted> accepted, IngestLookup lookup, GroupCommit groupCommit) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.config = config;
        this.validator = validator;
        this.json = json;
        this.accepted = accepted;
        this.lookup = lookup;
        this.groupCommit = groupCommit;
    }

    /** What ingest answers: the message, and whether it existed before this request. */
    public record Ingested(Message message, boolean replayed) {
    }

    /**
     * Stores the message; the answer comes once it is committed. Without an {@code Idempotency-Key} it joins the group
     * commit (one transaction for every message arriving meanwhile) and, when the application and event type were
     * read within the lookup TTL, blocks no thread on the way: call it on the event loop. With a key, on a lookup
     * miss, or when its batch did not take it (failure, a taken eventId, something changed since the lookup), the
     * work moves to a worker thread, and the message is stored in a transaction of its own that reports the precise
     * reason of a refusal. The answer is emitted on the caller's Vert.x context, if it has one.
     */
    public Uni<Ingested> accept(String tenantId, String appIdOrUid, MessageIn in, String idempotencyKey) {
        List<Problem.FieldError> problems = in == null
                ? List.of(new Problem.FieldError("body", "must be a message: {\"eventType\": ..., \"payload\": {...}}"))
                : in.problems();
        if (!problems.isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalid(problems));
        }
        if (idempotencyKey != null || !config.groupCommit()) {
            return onWorker(() -> ingestAlone(tenantId, appIdOrUid, in, idempotencyKey));
        }
        IngestLookup.Target cached = lookup.cached(tenantId, appIdOrUid, in.eventType());
        Uni<IngestLookup.Target> target = cached != null
                ? Uni.createFrom().item(cached)
                : onWorker(() -> lookup.find(tenantId, appIdOrUid, in.eventType()));
        Context caller = Vertx.currentContext();
        Uni<Ingested> ingested = target.chain(found -> grouped(tenantId, appIdOrUid, in, found));
        return caller == null ? ingested : ingested.emitOn(task -> caller.runOnContext(ignored -> task.run()));
    }

    /** {@link #accept}, waiting for the answer: for callers on a worker thread. */
    public Ingested ingest(String tenantId, String appIdOrUid, MessageIn in, String idempotencyKey) {
        return accept(tenantId, appIdOrUid, in, idempotencyKey).await().indefinitely();
    }

    private Uni<Ingested> grouped(String tenantId, String appIdOrUid, MessageIn in, IngestLookup.Target target) {
        String payload = checkedPayload(target.eventType(), in);
        List<String> channels = in.channels() == null || in.channels().isEmpty() ? null : in.channels();
        Message message = newMessage(PrefixedId.next("msg"), tenantId, target.appId(), in, channels, payload,
                clock.instant());
        return Uni.createFrom().completionStage(groupCommit.submit(message, target.typeVersion(), appIdOrUid))
                .onItemOrFailure().transformToUni((written, failure) -> {
                    if (failure == null && written.inserted()) {
                        accepted.fire(new MessageAccepted(tenantId, target.appId(), message.id,
                                written.deliveries(), written.queued()));
                        return Uni.createFrom().item(new Ingested(message, false));
                    }
                    // The batch failed, or its insert did not take this message: its eventId was taken, or the
                    // event type or application changed since the lookup. Look again and answer precisely.
                    lookup.forget(tenantId, appIdOrUid, in.eventType());
                    return onWorker(() -> ingestAlone(tenantId, appIdOrUid, in, null));
                });
    }

    private static <T> Uni<T> onWorker(Supplier<T> work) {
        return Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @Transactional
    Ingested ingestAlone(String tenantId, String appIdOrUid, MessageIn in, String idempotencyKey) {
        Application app = Application.require(tenantId, appIdOrUid);
        String payload = checkedPayload(checkedType(tenantId, in), in);
        List<String> channels = in.channels() == null || in.channels().isEmpty() ? null : in.channels();
        Instant now = clock.instant();
        Message message = newMessage(PrefixedId.next("msg"), tenantId, app.id, in, channels, payload, now);
        try (Connection connection = dataSource.getConnection()) {
            if (idempotencyKey != null) {
                byte[] hash = requestHash(app.id, in.eventType(), in.eventId(), channels, payload);
                Optional<String> earlier = claimKey(connection, tenantId, idempotencyKey, hash, message.id, now);
                if (earlier.isPresent()) {
                    return replay(tenantId, app.id, earlier.get());
                }
            }
            Optional<String> earlierEvent = insert(connection, message);
            if (earlierEvent.isPresent()) {
                if (idempotencyKey != null) {
                    update(connection, REPOINT_KEY, earlierEvent.get(), tenantId, idempotencyKey);
                }
                return replay(tenantId, app.id, earlierEvent.get());
            }
            int deliveries = fanOut(connection, message, now);
            accepted.fire(new MessageAccepted(tenantId, app.id, message.id, deliveries, deliveries));
            return new Ingested(message, false);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store message " + message.id, e);
        }
    }

    private static EventType checkedType(String tenantId, MessageIn in) {
        EventType type = EventType.findActive(tenantId, in.eventType());
        if (type == null) {
            throw ApiException.invalid("eventType", "'" + in.eventType() + "' is not an event type of this tenant"
                    + " (or it is archived)");
        }
        return type;
    }

    private String checkedPayload(EventType type, MessageIn in) {
        if (!in.payload().isObject()) {
            throw ApiException.invalid("payload", "must be a JSON object");
        }
        String payload;
        try {
            payload = json.writeValueAsString(in.payload());
        } catch (JsonProcessingException e) {
            throw ApiException.invalid("payload", "cannot be written as JSON");
        }
        int size = payload.getBytes(StandardCharsets.UTF_8).length;
        if (size > config.maxPayload()) {
            throw new ApiException(ProblemType.PAYLOAD_TOO_LARGE,
                    "The payload is " + size + " bytes; the limit is " + config.maxPayload());
        }
        List<Problem.FieldError> errors = validator.validate(type, in.payload());
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return payload;
    }

    /** Takes the key for this request, or returns the message of the request that holds it. */
    private Optional<String> claimKey(Connection connection, String tenantId, String key, byte[] hash,
            String messageId, Instant now) throws SQLException {
        try (PreparedStatement claim = connection.prepareStatement(CLAIM_KEY)) {
            claim.setString(1, tenantId);
            claim.setString(2, key);
            claim.setBytes(3, hash);
            claim.setString(4, messageId);
            claim.setTimestamp(5, Timestamp.from(now));
            claim.setTimestamp(6, Timestamp.from(now.minus(config.idempotencyWindow())));
            try (ResultSet taken = claim.executeQuery()) {
                if (taken.next()) {
                    return Optional.empty();
                }
            }
        }
        try (PreparedStatement earlier = connection.prepareStatement(EARLIER_KEY)) {
            earlier.setString(1, tenantId);
            earlier.setString(2, key);
            try (ResultSet row = earlier.executeQuery()) {
                row.next();
                if (!MessageDigest.isEqual(row.getBytes(1), hash)) {
                    throw new ApiException(ProblemType.IDEMPOTENCY_MISMATCH, "Idempotency-Key '" + key
                            + "' was used for a different request in the last " + config.idempotencyWindow());
                }
                return Optional.of(row.getString(2));
            }
        }
    }

    private Optional<String> insert(Connection connection, Message message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_MESSAGE)) {
            insert.setString(1, message.id);
            insert.setString(2, message.tenantId);
            insert.setString(3, message.appId);
            insert.setString(4, message.eventType);
            insert.setString(5, message.eventId);
            insert.setArray(6, textArray(connection, message.channels));
            insert.setString(7, message.payload);
            insert.setTimestamp(8, Timestamp.from(message.createdAt));
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement earlier = connection.prepareStatement(EARLIER_EVENT)) {
            earlier.setString(1, message.appId);
            earlier.setString(2, message.eventId);
            try (ResultSet row = earlier.executeQuery()) {
                row.next();
                return Optional.of(row.getString(1));
            }
        }
    }

    private int fanOut(Connection connection, Message message, Instant now) throws SQLException {
        try (PreparedStatement fanOut = connection.prepareStatement(FAN_OUT)) {
            Timestamp at = Timestamp.from(now);
            fanOut.setString(1, message.id);
            fanOut.setTimestamp(2, at);
            fanOut.setTimestamp(3, at);
            fanOut.setTimestamp(4, at);
            fanOut.setString(5, message.tenantId);
            fanOut.setString(6, message.appId);
            fanOut.setString(7, message.eventType);
            fanOut.setArray(8, textArray(connection, message.channels));
            return fanOut.executeUpdate();
        }
    }

    private static Ingested replay(String tenantId, String appId, String messageId) {
        Message earlier = Message.findInApp(tenantId, appId, messageId);
        if (earlier == null) {
            throw ApiException.conflict("The message this request repeats (" + messageId + ") no longer exists");
        }
        return new Ingested(earlier, true);
    }

    private static Message newMessage(String id, String tenantId, String appId, MessageIn in, List<String> channels,
            String payload, Instant now) {
        Message message = new Message();
        message.id = id;
        message.tenantId = tenantId;
        message.appId = appId;
        message.eventType = in.eventType();
        message.eventId = in.eventId();
        message.channels = channels;
        message.payload = payload;
        message.createdAt = now;
        return message;
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return values == null ? null : connection.createArrayOf("text", values.toArray());
    }

    private static void update(Connection connection, String sql, String... args) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setString(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    private static byte[] requestHash(String appId, String eventType, String eventId, List<String> channels,
            String payload) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] { appId, eventType, eventId, String.valueOf(channels), payload }) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
