package dev.herald.portal;

import dev.herald.audit.AuditLog;
import dev.herald.delivery.AttemptHistory;
import dev.herald.delivery.Redelivery;
import dev.herald.endpoint.Endpoint;
import dev.herald.endpoint.EndpointApi.EndpointIn;
import dev.herald.endpoint.EndpointInCheck;
import dev.herald.endpoint.EndpointSecrets;
import dev.herald.eventtype.EventType;
import dev.herald.http.ApiException;
import dev.herald.http.Problem.FieldError;
import dev.herald.web.ErrorPages;
import dev.herald.web.Notices;
import dev.herald.web.PageAccess;
import dev.herald.web.PageAccess.PortalScope;
import dev.herald.web.PageError;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The portal's endpoint pages: list, add, edit, disable/enable, delete, the signing secret, health and recover. */
@Path("/portal/endpoints")
@Produces(MediaType.TEXT_HTML)
public class PortalEndpointPages {

    private static final int ATTEMPTS_SHOWN = 25;

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance endpoints(dev.herald.web.Frame frame, List<PortalViews.EndpointRow> endpoints);

        static native TemplateInstance endpointForm(dev.herald.web.Frame frame, PortalViews.EndpointForm form,
                List<PortalViews.TypeChoice> types);

        static native TemplateInstance endpoint(dev.herald.web.Frame frame, PortalViews.EndpointRow endpoint,
                PortalViews.Health health, List<PortalViews.AttemptView> attempts, List<String> eventTypes,
                String recoverSince);

        static native TemplateInstance secret(String secret, String endpointId);
    }

    private final PageAccess access;
    private final EndpointInCheck checks;
    private final EndpointSecrets secrets;
    private final EndpointChart chart;
    private final AttemptHistory attempts;
    private final PortalActions actions;
    private final InstantSource clock;
    private final ErrorPages errors;

    PortalEndpointPages(PageAccess access, EndpointInCheck checks, EndpointSecrets secrets, EndpointChart chart,
            AttemptHistory attempts, PortalActions actions, InstantSource clock, ErrorPages errors) {
        this.access = access;
        this.checks = checks;
        this.secrets = secrets;
        this.chart = chart;
        this.attempts = attempts;
        this.actions = actions;
        this.clock = clock;
        this.errors = errors;
    }

    @GET
    public TemplateInstance list(@QueryParam("notice") String notice) {
        PortalScope scope = access.portal(Notices.text(notice));
        List<PortalViews.EndpointRow> rows = Endpoint.listInApp(scope.tenantId(), scope.app().id).stream()
                .map(PortalViews.EndpointRow::from).toList().reversed();
        return Templates.endpoints(scope.frame().titled("Endpoints", "endpoints"), rows);
    }

    @GET
    @Path("/new")
    public TemplateInstance addForm() {
        PortalScope scope = access.portal(null);
        return Templates.endpointForm(scope.frame().titled("Add an endpoint", "endpoints"),
                PortalViews.EndpointForm.empty(), choices(scope.tenantId(), List.of()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response create(@RestForm String url, @RestForm String description,
            @RestForm List<String> filterTypes) {
        PortalScope scope = access.portal(null);
        EndpointIn in = input(url, description, filterTypes, null);
        try {
            checks.check(scope.tenantId(), in, true);
        } catch (ApiException e) {
            return invalid(scope, new PortalViews.EndpointForm(null, url, description, filterTypes), e);
        }
        Endpoint endpoint = actions.create(scope, in);
        return redirect("/portal/endpoints/" + endpoint.id + "?notice=created");
    }

    @GET
    @Path("/{ep}")
    @Transactional
    public TemplateInstance show(@PathParam("ep") String ep, @QueryParam("notice") String notice) {
        PortalScope scope = access.portal(Notices.text(notice));
        Endpoint endpoint = existing(scope, ep);
        Instant now = clock.instant();
        PortalViews.Health health = new PortalViews.Health(chart.hourly(scope.tenantId(), endpoint.id, now),
                chart.daily(scope.tenantId(), endpoint.id, now));
        List<PortalViews.AttemptView> recent = attempts.ofEndpoint(scope.tenantId(), scope.app().id, endpoint.id,
                null, null, ATTEMPTS_SHOWN).stream().map(PortalViews.AttemptView::from).toList();
        List<String> types = EventType.page(scope.tenantId(), false, null, 250).stream()
                .filter(t -> endpoint.filterTypes == null || endpoint.filterTypes.contains(t.name))
                .map(t -> t.name).sorted().toList();
        return Templates.endpoint(scope.frame().titled(endpoint.url, "endpoints"), PortalViews.EndpointRow.from(endpoint),
                health, recent, types, PortalViews.localInput(now.minusSeconds(24 * 3600)));
    }

    @GET
    @Path("/{ep}/edit")
    public TemplateInstance editForm(@PathParam("ep") String ep) {
        PortalScope scope = access.portal(null);
        Endpoint endpoint = existing(scope, ep);
        PortalViews.EndpointForm form = new PortalViews.EndpointForm(endpoint.id, endpoint.url, endpoint.description,
                endpoint.filterTypes);
        return Templates.endpointForm(scope.frame().titled("Edit endpoint", "endpoints"), form,
                choices(scope.tenantId(), form.filterTypes()));
    }

    @POST
    @Path("/{ep}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Transactional
    public Response update(@PathParam("ep") String ep, @RestForm String url, @RestForm String description,
            @RestForm List<String> filterTypes) {
        PortalScope scope = access.portal(null);
        Endpoint endpoint = existing(scope, ep);
        EndpointIn in = input(url, description, filterTypes, endpoint);
        try {
            checks.check(scope.tenantId(), in, false);
        } catch (ApiException e) {
            return invalid(scope, new PortalViews.EndpointForm(endpoint.id, url, description, filterTypes), e);
        }
        actions.update(endpoint, in);
        return redirect("/portal/endpoints/" + endpoint.id + "?notice=saved");
    }

    @POST
    @Path("/{ep}/disable")
    @Transactional
    public Response disable(@PathParam("ep") String ep) {
        PortalScope scope = access.portal(null);
        actions.disable(existing(scope, ep));
        return redirect("/portal/endpoints/" + ep + "?notice=disabled");
    }

    @POST
    @Path("/{ep}/enable")
    @Transactional
    public Response enable(@PathParam("ep") String ep) {
        PortalScope scope = access.portal(null);
        actions.enable(existing(scope, ep));
        return redirect("/portal/endpoints/" + ep + "?notice=enabled");
    }

    @POST
    @Path("/{ep}/delete")
    @Transactional
    public Response delete(@PathParam("ep") String ep) {
        PortalScope scope = access.portal(null);
        actions.delete(existing(scope, ep));
        return redirect("/portal/endpoints?notice=deleted");
    }

    /** The secret, revealed on request (an htmx fragment); never cached. */
    @GET
    @Path("/{ep}/secret")
    public Response secret(@PathParam("ep") String ep) {
        PortalScope scope = access.portal(null);
        Endpoint endpoint = existing(scope, ep);
        return Response.ok(Templates.secret(secrets.currentKey(endpoint), endpoint.id))
                .header("Cache-Control", "no-store").build();
    }

    @POST
    @Path("/{ep}/secret/rotate")
    @Transactional
    public Response rotate(@PathParam("ep") String ep) {
        PortalScope scope = access.portal(null);
        actions.rotate(existing(scope, ep));
        return redirect("/portal/endpoints/" + ep + "?notice=rotated");
    }

    /** Sends every failed (exhausted or cancelled) delivery of this endpoint since the chosen time again. */
    @POST
    @Path("/{ep}/recover")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recover(@PathParam("ep") String ep, @RestForm String since) {
        PortalScope scope = access.portal(null);
        Endpoint endpoint = existing(scope, ep);
        Instant now = clock.instant();
        Instant from = PortalViews.parseLocal("since", since);
        Redelivery.checkWindow(from, now);
        int recovered = actions.recover(scope, endpoint, from, now);
        return redirect("/portal/endpoints/" + ep + "?notice=recovered-" + recovered);
    }

    @ServerExceptionMapper
    public Response pageError(PageError e) {
        return errors.render(e);
    }

    @ServerExceptionMapper
    public Response apiError(ApiException e) {
        return errors.render(e);
    }

    private Endpoint existing(PortalScope scope, String ep) {
        Endpoint endpoint = Endpoint.find("tenantId = ?1 and appId = ?2 and id = ?3", scope.tenantId(),
                scope.app().id, ep).firstResult();
        if (endpoint == null) {
            throw PageError.notFound("Endpoint " + ep);
        }
        return endpoint;
    }

    /** What a customer may set; everything else (channels, headers, rate limit) keeps what the provider set. */
    private static EndpointIn input(String url, String description, List<String> filterTypes, Endpoint existing) {
        List<String> types = filterTypes == null || filterTypes.isEmpty() ? null : List.copyOf(filterTypes);
        String cleanUrl = url == null ? "" : url.strip();
        if (existing == null) {
            return new EndpointIn(cleanUrl, description, types, null, null, null, null, null, null);
        }
        return new EndpointIn(cleanUrl, description, types, existing.channels, null, existing.rateLimit,
                existing.headers, existing.metadata, null);
    }

    private Response invalid(PortalScope scope, PortalViews.EndpointForm form, ApiException e) {
        Map<String, String> byField = new java.util.HashMap<>();
        for (FieldError error : e.errors() == null ? List.<FieldError>of() : e.errors()) {
            byField.merge(error.field().startsWith("filterTypes") ? "filterTypes" : error.field(), error.message(),
                    (a, b) -> a + "; " + b);
        }
        if (byField.isEmpty()) {
            byField.put("form", e.getMessage());
        }
        PortalViews.EndpointForm withErrors = form.withErrors(byField);
        TemplateInstance page = Templates.endpointForm(
                scope.frame().titled(form.id() == null ? "Add an endpoint" : "Edit endpoint", "endpoints"),
                withErrors, choices(scope.tenantId(), form.filterTypes()));
        return Response.status(422).entity(page).type(MediaType.TEXT_HTML_TYPE).build();
    }

    private static List<PortalViews.TypeChoice> choices(String tenantId, List<String> selected) {
        return EventType.page(tenantId, false, null, 250).stream()
                .sorted(java.util.Comparator.comparing((EventType t) -> t.name))
                .map(t -> new PortalViews.TypeChoice(t.name, t.description,
                        selected != null && selected.contains(t.name)))
                .toList();
    }

    static Response redirect(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
