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
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * What a message needs checked before it is stored, read fresh in one round trip without an ORM session: the
 * application (by id or the tenant's uid, scoped to the tenant) and the active event type with its schema. Parsed
 * schemas are kept per event type until its {@code updated_at} moves.
 */
@ApplicationScoped
class IngestLookup {

    /** The application id and the event type (a detached snapshot) a message goes to. */
    record Target(String appId, EventType eventType) {
    }

    private static final int MAX_CACHED_SCHEMAS = 10_000;
    private static final String LOOKUP = """
            select a.id, et.id, et.name, et.schema::text, et.updated_at
              from application a
              left join event_type et on et.tenant_id = a.tenant_id and et.name = ? and not et.archived
             where a.tenant_id = ? and %s = ?""";
    private static final String BY_ID = LOOKUP.formatted("a.id");
    private static final String BY_UID = LOOKUP.formatted("a.uid");

    private record ParsedSchema(Instant updatedAt, JsonNode schema) {
    }

    private final DataSource db;
    private final ObjectMapper json;
    private final Map<String, ParsedSchema> schemas = new ConcurrentHashMap<>();

    IngestLookup(DataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    /** Throws 404 for an application the tenant does not have, 422 for an unknown or archived event type. */
    Target find(String tenantId, String appIdOrUid, String eventType) {
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
                type.schema = schema(type.id, type.updatedAt, r.getString(4));
                return new Target(r.getString(1), type);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up application " + appIdOrUid, e);
        }
    }

    private JsonNode schema(String typeId, Instant updatedAt, String text) {
        if (text == null) {
            return null;
        }
        ParsedSchema parsed = schemas.get(typeId);
        if (parsed == null || !parsed.updatedAt().equals(updatedAt)) {
            if (schemas.size() >= MAX_CACHED_SCHEMAS) {
                schemas.clear();
            }
            try {
                parsed = new ParsedSchema(updatedAt, json.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            schemas.put(typeId, parsed);
        }
        return parsed.schema();
    }
}
