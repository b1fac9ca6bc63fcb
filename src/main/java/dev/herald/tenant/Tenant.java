package dev.herald.tenant;

import dev.herald.id.PrefixedId;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** An API provider using Herald. Everything else belongs to exactly one tenant. */
@Entity
@Table(name = "tenant")
public class Tenant extends PanacheEntityBase {

    @Id
    public String id;
    public String name;
    public Instant createdAt;

    public static Tenant create(String name, Instant now) {
        Tenant tenant = new Tenant();
        tenant.id = PrefixedId.next("ten");
        tenant.name = name;
        tenant.createdAt = now;
        tenant.persist();
        return tenant;
    }

    /** Newest first, strictly older than the cursor when one is given. */
    public static List<Tenant> page(String before, int limit) {
        return before == null
                ? find("order by id desc").page(0, limit).list()
                : find("id < ?1 order by id desc", before).page(0, limit).list();
    }
}
