package dev.herald.eventtype;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.herald.audit.AuditLog;
import dev.herald.auth.CurrentTenant;
import dev.herald.auth.Roles;
import dev.herald.eventtype.EventTypeApi.ImportReport;
import dev.herald.eventtype.WebhooksImport.Imported;
import dev.herald.http.ApiException;
import dev.herald.http.ProblemType;
import dev.herald.tenant.Tenant;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hibernate.exception.ConstraintViolationException;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The tenant's event catalogue as an OpenAPI 3.1 document of webhooks: published for its customers (who, like
 * support, may read it as they read the event types), and imported from a document the tenant already has. The fixed paths here win over {@code /event-types/{name}} (JAX-RS prefers
 * literal paths), so an event type cannot shadow them.
 */
@Path("/api/v1/event-types")
@RolesAllowed(Roles.TENANT_ADMIN)
public class CatalogueResource {

    /** Media types that carry YAML; anything else is read as JSON. */
    static final List<String> YAML_TYPES = List.of("application/yaml", "application/x-yaml", "text/yaml",
            "application/vnd.oai.openapi");

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder().maxNestingDepth(100).build();
    private static final ObjectMapper JSON = strict(new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(LIMITS).build()));
    private static final YAMLMapper YAML = strict(yamlMapper());

    private final CurrentTenant tenant;
    private final InstantSource clock;
    private final WebhooksImport importer;
    private final AuditLog audit;

    CatalogueResource(CurrentTenant tenant, InstantSource clock, JsonSchemas schemas, AuditLog audit) {
        this.tenant = tenant;
        this.clock = clock;
        this.importer = new WebhooksImport(schemas);
        this.audit = audit;
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
    @GET
    @Path("/openapi.json")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode json() {
        return document();
    }

    @RolesAllowed({ Roles.TENANT_ADMIN, Roles.SUPPORT, Roles.CUSTOMER })
    @GET
    @Path("/openapi.yaml")
    @Produces({ "application/yaml", "text/yaml" })
    public String yaml() throws JsonProcessingException {
        return YAML.writeValueAsString(document());
    }

    /**
     * Creates or updates the event types a document describes; types it does not mention are left alone. With
     * {@code dryRun} it only reports what it would do. One transaction: a bad document stores nothing.
     */
    @POST
    @Path("/import")
    @Consumes({ MediaType.APPLICATION_JSON, "application/vnd.oai.openapi+json", "application/yaml",
            "application/x-yaml", "text/yaml", "application/vnd.oai.openapi" })
    @Produces(MediaType.APPLICATION_JSON)
    @Transactional
    public ImportReport importDocument(String body, @Context HttpHeaders headers,
            @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        List<Imported> types = importer.read(parse(body, headers.getMediaType()));
        Instant now = clock.instant();
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (Imported in : types) {
            EventType type = EventType.findByName(tenant.id(), in.name());
            if (type == null) {
                created.add(in.name());
                type = EventType.create(tenant.id(), in.name(), now);
            } else if (type.sameAs(in.description(), in.schema(), in.example())) {
                unchanged.add(in.name());
                continue;
            } else {
                updated.add(in.name());
            }
            if (!dryRun) {
                type.describe(in.description(), in.schema(), in.example(), false, now);
                type.persist();
            }
        }
        if (!dryRun && !(created.isEmpty() && updated.isEmpty())) {
            audit.record("event-type.import", "event-type", null, Map.of("created", created, "updated", updated));
        }
        try {
            EventType.flush();
        } catch (ConstraintViolationException e) {
            // A concurrent request created one of these names first; the transaction rolls back whole.
            throw ApiException.conflict("Event types changed while importing; try again");
        }
        return new ImportReport(dryRun, created, updated, unchanged);
    }

    private ObjectNode document() {
        Tenant owner = Tenant.findById(tenant.id());
        // A token may name a tenant that has no row (yet): the document then carries its id as the name.
        return WebhooksDocument.of(owner == null ? tenant.id() : owner.name, EventType.active(tenant.id()));
    }

    private static JsonNode parse(String body, MediaType contentType) {
        boolean yaml = contentType != null
                && YAML_TYPES.contains((contentType.getType() + "/" + contentType.getSubtype()).toLowerCase(Locale.ROOT));
        if (body == null || body.isBlank()) {
            throw ApiException.invalid("body", "must be an OpenAPI document (a JSON or YAML object)");
        }
        try {
            return (yaml ? YAML : JSON).readTree(body);
        } catch (JsonProcessingException e) {
            throw new ApiException(yaml ? ProblemType.BAD_REQUEST : ProblemType.MALFORMED_JSON,
                    "The request body is not valid " + (yaml ? "YAML" : "JSON") + ": " + e.getOriginalMessage());
        }
    }

    private static YAMLMapper yamlMapper() {
        // Aliases and size are bounded so that a small document cannot expand into a huge one.
        LoaderOptions loading = new LoaderOptions();
        loading.setMaxAliasesForCollections(50);
        loading.setNestingDepthLimit(100);
        loading.setCodePointLimit(10 * 1024 * 1024);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(loading)
                .streamReadConstraints(LIMITS)
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                // Every string quoted (Jackson's MINIMIZE_QUOTES lets "1e3" out bare, to be read back as a
                // number); multi-line text as literal blocks, readable.
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
                .build();
        return new YAMLMapper(factory);
    }

    /** A repeated key or a second document would otherwise be dropped without a word. */
    private static <M extends ObjectMapper> M strict(M mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        return mapper;
    }
}
