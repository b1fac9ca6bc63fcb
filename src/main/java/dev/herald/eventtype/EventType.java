package dev.herald.eventtype;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.herald.id.PrefixedId;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A named kind of event of one tenant ({@code invoice.paid}). The API knows it by its name; the id only orders
 * pages and keys the compiled-schema cache. Archiving hides it from new subscriptions but keeps it readable.
 */
@Entity
@Table(name = "event_type")
public class EventType extends PanacheEntityBase {

    public static final String NAME_PATTERN = "^[a-zA-Z0-9._-]{1,256}$";

    @Id
    public String id;
    public String tenantId;
    public String name;
    public String description;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode schema;
    @JdbcTypeCode(SqlTypes.JSON)
    public JsonNode example;
    public boolean archived;
    public Instant createdAt;
    public Instant updatedAt;

    public static EventType create(String tenantId, String name, Instant now) {
        EventType type = new EventType();
        type.id = PrefixedId.next("et");
        type.tenantId = tenantId;
        type.name = name;
        type.description = "";
        type.createdAt = now;
        type.updatedAt = now;
        return type;
    }

    /** The event type of that name, archived or not; null when the tenant has none. */
    public static EventType findByName(String tenantId, String name) {
        return find("tenantId = ?1 and name = ?2", tenantId, name).firstResult();
    }

    /** The event type messages may be sent as; null when missing or archived. */
    public static EventType findActive(String tenantId, String name) {
        return find("tenantId = ?1 and name = ?2 and archived = false", tenantId, name).firstResult();
    }

    /** The tenant's event types that are in use, by name: the catalogue it publishes. */
    public static List<EventType> active(String tenantId) {
        return list("tenantId = ?1 and archived = false order by name", tenantId);
    }

    /** Which of these names are not active event types of the tenant. */
    public static List<String> missingActive(String tenantId, Collection<String> names) {
        List<String> known = getEntityManager().createQuery(
                "select e.name from EventType e where e.tenantId = :tenant and e.name in :names and e.archived = false",
                String.class).setParameter("tenant", tenantId).setParameter("names", names).getResultList();
        return names.stream().filter(name -> !known.contains(name)).distinct().toList();
    }

    /** Newest first, strictly older than the cursor when one is given. */
    public static List<EventType> page(String tenantId, boolean includeArchived, String before, int limit) {
        String query = "tenantId = :tenant" + (includeArchived ? "" : " and archived = false")
                + (before == null ? "" : " and id < :before") + " order by id desc";
        Parameters params = Parameters.with("tenant", tenantId);
        if (before != null) {
            params = params.and("before", before);
        }
        return find(query, params).page(0, limit).list();
    }

    /** Replaces what a tenant may change; the caller has checked the schema and the example. */
    public void describe(String description, JsonNode schema, JsonNode example, boolean archived, Instant now) {
        this.description = description == null ? "" : description;
        this.schema = schema;
        this.example = example;
        this.archived = archived;
        this.updatedAt = now;
    }

    /** Whether an import would leave this type as it is: in use, with exactly this description, schema, example. */
    public boolean sameAs(String description, JsonNode schema, JsonNode example) {
        return !archived && this.description.equals(description == null ? "" : description)
                && sameJson(this.schema, schema) && sameJson(this.example, example);
    }

    /** JSON equality where 1, 1.0 and 1e0 are the same number (jsonb and a parser may type them differently). */
    static boolean sameJson(JsonNode a, JsonNode b) {
        JsonNode left = a == null || a.isMissingNode() ? NullNode.instance : a;
        JsonNode right = b == null || b.isMissingNode() ? NullNode.instance : b;
        return left.equals(NUMERIC, right);
    }

    private static final Comparator<JsonNode> NUMERIC = (x, y) -> {
        if (x.isNumber() && y.isNumber()) {
            return x.decimalValue().compareTo(y.decimalValue());
        }
        return x.equals(y) ? 0 : 1;
    };

    public void archive(Instant now) {
        if (!archived) {
            archived = true;
            updatedAt = now;
        }
    }
}
