package dev.herald.endpoint;

import dev.herald.http.ApiException;
import dev.herald.id.PrefixedId;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A subscriber URL of an application. It decides which messages it wants ({@link #accepts}) and whether it is
 * switched off ({@link #disable}/{@link #enable}); its signing secrets live in {@link EndpointSecret}.
 */
@Entity
@Table(name = "endpoint")
public class Endpoint extends PanacheEntityBase {

    public static final String CHANNEL_PATTERN = "^[a-zA-Z0-9._-]{1,128}$";
    public static final int MAX_CHANNELS = 10;
    public static final String DISABLED_BY_API = "disabled by API";

    /** Headers Herald sets itself, or that would let a tenant break the request. */
    private static final Set<String> RESERVED_HEADERS = Set.of("content-type", "content-length", "host",
            "user-agent", "connection", "transfer-encoding");

    @Id
    public String id;
    public String tenantId;
    public String appId;
    public String url;
    public String description;
    /** Null means every event type. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> filterTypes;
    /** Null means every message, with channels or without. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> channels;
    public boolean disabled;
    public String disabledReason;
    public Instant disabledAt;
    /** Deliveries per second; null means no limit. */
    public Integer rateLimit;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> headers;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata;
    public Instant createdAt;
    public Instant updatedAt;

    public static Endpoint create(String tenantId, String appId, Instant now) {
        Endpoint endpoint = new Endpoint();
        endpoint.id = PrefixedId.next("ep");
        endpoint.tenantId = tenantId;
        endpoint.appId = appId;
        endpoint.description = "";
        endpoint.headers = new HashMap<>();
        endpoint.metadata = new HashMap<>();
        endpoint.createdAt = now;
        endpoint.updatedAt = now;
        return endpoint;
    }

    /** The endpoint of that tenant and application; a 404 for anyone else's. */
    public static Endpoint require(String tenantId, String appId, String endpointId) {
        Endpoint endpoint = find("tenantId = ?1 and appId = ?2 and id = ?3", tenantId, appId, endpointId)
                .firstResult();
        if (endpoint == null) {
            throw ApiException.notFound("Endpoint", endpointId);
        }
        return endpoint;
    }

    /** Newest first, strictly older than the cursor when one is given. */
    public static List<Endpoint> page(String tenantId, String appId, String before, int limit) {
        return before == null
                ? find("tenantId = ?1 and appId = ?2 order by id desc", tenantId, appId).page(0, limit).list()
                : find("tenantId = ?1 and appId = ?2 and id < ?3 order by id desc", tenantId, appId, before)
                        .page(0, limit).list();
    }

    /** Every endpoint of an application, for fan-out at ingest. */
    public static List<Endpoint> listInApp(String tenantId, String appId) {
        return list("tenantId = ?1 and appId = ?2 order by id", tenantId, appId);
    }

    /** Replaces the tenant-editable settings; the caller has checked them. */
    public void configure(String url, String description, List<String> filterTypes, List<String> channels,
            Integer rateLimit, Map<String, String> headers, Map<String, String> metadata, Instant now) {
        this.url = url;
        this.description = description == null ? "" : description;
        this.filterTypes = filterTypes == null ? null : List.copyOf(filterTypes);
        this.channels = channels == null ? null : List.copyOf(channels);
        this.rateLimit = rateLimit;
        this.headers = headers == null ? new HashMap<>() : new HashMap<>(headers);
        this.metadata = metadata == null ? new HashMap<>() : new HashMap<>(metadata);
        this.updatedAt = now;
    }

    /** Stops deliveries. Disabling a disabled endpoint keeps the first reason. */
    public void disable(String reason, Instant now) {
        if (!disabled) {
            disabled = true;
            disabledReason = reason;
            disabledAt = now;
            updatedAt = now;
        }
    }

    public void enable(Instant now) {
        if (disabled) {
            disabled = false;
            disabledReason = null;
            disabledAt = null;
            updatedAt = now;
        }
    }

    /**
     * Whether a message of this type and these channels is for this endpoint. An endpoint without channels gets
     * every message; one with channels gets only messages sharing at least one of them (Svix semantics).
     */
    public boolean accepts(String eventType, List<String> messageChannels) {
        if (filterTypes != null && !filterTypes.contains(eventType)) {
            return false;
        }
        if (channels == null) {
            return true;
        }
        return messageChannels != null && messageChannels.stream().anyMatch(channels::contains);
    }

    /** Whether a tenant may not set this header: Herald's own {@code webhook-*} ones and hop-by-hop ones. */
    public static boolean isReservedHeader(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.startsWith("webhook-") || RESERVED_HEADERS.contains(lower);
    }
}
