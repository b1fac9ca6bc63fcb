package dev.herald.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.herald.application.Application;
import dev.herald.eventtype.EventType;
import dev.herald.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * What a message needs checked before it is stored, read in one round trip without an ORM session: the application
 * (by id or the tenant's uid, scoped to the tenant) and the active event type with its schema and row version
 * ({@code xmin}, which every update of the row changes). Answers are kept for {@code herald.ingest.lookup-cache-ttl}
 * so a steady stream of messages asks the database nothing before its write; the group commit's insert re-checks
 * the version and the application in the same statement, so a cached answer can never let through a message that a
 * fresh one would refuse (it is then stored on its own path, which looks again). Parsed schemas are kept per event
 * type until its version moves.
 */
@ApplicationScoped
class IngestLookup {

    /**
     * The application id and the event type (a detached snapshot) a message goes to; {@code typeVersion} is the
     * event type row's {@code xmin}.
     */
    record Target(String appId, EventType eventType, String typeVersion) {
    }

    private static final int MAX_CACHED_SCHEMAS = 10_000;
    private static final String LOOKUP = """
            select a.id, et.id, et.name, et.schema::text, et.updated_at, et.xmin::text
              from application a
              left join event_type et on et.tenant_id = a.tenant_id and et.name = ? and not et.archived
             where a.tenant_id = ? and %s = ?""";
    private static final String BY_ID = LOOKUP.formatted("a.id");
    private static final String BY_UID = LOOKUP.formatted("a.uid");

    private static final int MAX_CACHED_TARGETS = 100_000;

    private record ParsedSchema(String version, JsonNode schema) {
    }

    private record Cached(Target target, long until) {
    }

    private final DataSource db;
    private final ObjectMapper json;
    private final long ttlNanos;
    private final Map<String, ParsedSchema> schemas = new ConcurrentHashMap<>();
    private final Map<String, Cached> targets = new ConcurrentHashMap<>();

    IngestLookup(DataSource db, ObjectMapper json, IngestConfig config) {
        this.db = db;
        this.json = json;
        this.ttlNanos = config.lookupCacheTtl().toNanos();
    }

    /** The answer {@link #find} gave within the TTL, or null: never asks the database (safe on an event loop). */
    Target cached(String tenantId, String appIdOrUid, String eventType) {
        Cached cached = targets.get(key(tenantId, appIdOrUid, eventType));
        return cached != null && System.nanoTime() - cached.until() < 0 ? cached.target() : null;
    }

    /** Drops a cached answer the database no longer agrees with. */
    void forget(String tenantId, String appIdOrUid, String eventType) {
        targets.remove(key(tenantId, appIdOrUid, eventType));
    }

    /**
     * Asks the database (blocking). Throws 404 for an application the tenant does not have, 422 for an unknown or
     * archived event type.
     */
    Target find(String tenantId, String appIdOrUid, String eventType) {
        Target target = load(tenantId, appIdOrUid, eventType);
        if (ttlNanos > 0) {
            if (targets.size() >= MAX_CACHED_TARGETS) {
                targets.clear();
            }
            targets.put(key(tenantId, appIdOrUid, eventType), new Cached(target, System.nanoTime() + ttlNanos));
        }
        return target;
    }

    private static String key(String tenantId, String appIdOrUid, String eventType) {
        return tenantId + '\n' + appIdOrUid + '\n' + eventType;
    }

    private Target load(String tenantId, String appIdOrUid, String eventType) {
        boolean byId = appIdOrUid.startsWith(Application.ID_PREFIX + "_");
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(byId ? BY_ID : BY_UID)) {
            s.setString(1, eventType);
            s.setString(2, tenantId);
            s.setString(3, appIdOrUid);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw ApiException.notFound("Application", appIdOrUid);
                }
                if (r.getString(2) == null) {
                    throw ApiException.invalid("eventType", "'" + eventType + "' is not an event type of this tenant"
                            + " (or it is archived)");
                }
                EventType type = new EventType();
                type.id = r.getString(2);
                type.tenantId = tenantId;
                type.name = r.getString(3);
                type.updatedAt = r.getTimestamp(5).toInstant();
                String version = r.getString(6);
                type.schema = schema(type.id, version, r.getString(4));
                return new Target(r.getString(1), type, version);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up application " + appIdOrUid, e);
        }
    }

    private JsonNode schema(String typeId, String version, String text) {
        if (text == null) {
            return null;
        }
        ParsedSchema parsed = schemas.get(typeId);
        if (parsed == null || !parsed.version().equals(version)) {
            if (schemas.size() >= MAX_CACHED_SCHEMAS) {
                schemas.clear();
            }
            try {
                parsed = new ParsedSchema(version, json.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            schemas.put(typeId, parsed);
        }
        return parsed.schema();
    }
}
