package dev.herald.application;

import dev.herald.http.ApiException;
import dev.herald.id.PrefixedId;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One customer of a tenant: the owner of endpoints and messages. Addressed by its id or by the tenant's own
 * {@code uid} for that customer, which can never be mistaken for an id because it may not start with {@code app_}.
 */
@Entity
@Table(name = "application")
public class Application extends PanacheEntityBase {

    public static final String ID_PREFIX = "app";
    public static final String UID_PATTERN = "^[a-zA-Z0-9._-]{1,256}$";
    /**
     * The uid of each tenant's hidden application for operational webhooks: outside {@link #UID_PATTERN}, so no
     * tenant can take it, and invisible to every lookup here (it is managed under /operational-webhooks).
     */
    public static final String OPERATIONAL_UID = "herald:operational";

    @Id
    public String id;
    public String tenantId;
    public String uid;
    public String name;
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, String> metadata;
    public Instant createdAt;
    public Instant updatedAt;

    public static Application create(String tenantId, Instant now) {
        Application app = new Application();
        app.id = PrefixedId.next(ID_PREFIX);
        app.tenantId = tenantId;
        app.metadata = new HashMap<>();
        app.createdAt = now;
        app.updatedAt = now;
        return app;
    }

    /** The tenant's application with this id or uid; null when there is none. */
    public static Application findByIdOrUid(String tenantId, String idOrUid) {
        Application app = idOrUid.startsWith(ID_PREFIX + "_")
                ? find("tenantId = ?1 and id = ?2", tenantId, idOrUid).firstResult()
                : findByUid(tenantId, idOrUid);
        return app == null || OPERATIONAL_UID.equals(app.uid) ? null : app;
    }

    /** The tenant's application with this id or uid; a 404 when there is none. */
    public static Application require(String tenantId, String idOrUid) {
        Application app = findByIdOrUid(tenantId, idOrUid);
        if (app == null) {
            throw ApiException.notFound("Application", idOrUid);
        }
        return app;
    }

    public static Application findByUid(String tenantId, String uid) {
        return find("tenantId = ?1 and uid = ?2", tenantId, uid).firstResult();
    }

    /** Newest first, strictly older than the cursor when one is given. */
    public static List<Application> page(String tenantId, String before, int limit) {
        String visible = "tenantId = ?1 and (uid is null or uid <> '" + OPERATIONAL_UID + "')";
        return before == null
                ? find(visible + " order by id desc", tenantId).page(0, limit).list()
                : find(visible + " and id < ?2 order by id desc", tenantId, before).page(0, limit).list();
    }

    public void replace(String uid, String name, Map<String, String> metadata, Instant now) {
        this.uid = uid;
        this.name = name;
        this.metadata = metadata == null ? new HashMap<>() : new HashMap<>(metadata);
        this.updatedAt = now;
    }
}
