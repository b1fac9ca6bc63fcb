package dev.herald.support;

import dev.herald.audit.AuditEntry;
import dev.herald.delivery.AttemptHistory;
import dev.herald.delivery.Redelivery;
import dev.herald.endpoint.Endpoint;
import dev.herald.http.ApiException;
import dev.herald.message.Message;
import dev.herald.portal.PortalViews;
import dev.herald.web.ErrorPages;
import dev.herald.web.Frame;
import dev.herald.web.Notices;
import dev.herald.web.PageAccess;
import dev.herald.web.PageAccess.ConsoleScope;
import dev.herald.web.PageError;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The support console: find a message across the tenants one serves, see its deliveries and attempts, resend or
 * recover after a confirmation page, and read the audit log. Who may enter is decided in {@link PageAccess}.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    private static final int SHOWN = 50;
    private static final int URL_MATCHES = 10;

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance search(Frame frame, ConsoleViews.Query query, List<ConsoleViews.Found> results,
                boolean searched, List<String> states);

        static native TemplateInstance message(Frame frame, ConsoleViews.Found found, PortalViews.MessageView message,
                List<PortalViews.DeliveryView> deliveries, List<PortalViews.AttemptView> attempts);

        static native TemplateInstance confirmResend(Frame frame, String messageId, String endpointId, String url);

        static native TemplateInstance confirmRecover(Frame frame, String endpointId, String url, String since);

        static native TemplateInstance audit(Frame frame, List<ConsoleViews.AuditRow> entries, String action);
    }

    private final PageAccess access;
    private final MessageSearch search;
    private final MessageDeliveries deliveries;
    private final AttemptHistory attempts;
    private final Redelivery redelivery;
    private final InstantSource clock;
    private final ErrorPages errors;

    ConsolePages(PageAccess access, MessageSearch search, MessageDeliveries deliveries, AttemptHistory attempts,
            Redelivery redelivery, InstantSource clock, ErrorPages errors) {
        this.access = access;
        this.search = search;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.redelivery = redelivery;
        this.clock = clock;
        this.errors = errors;
    }

    @GET
    public TemplateInstance search(@QueryParam("msgId") String msgId, @QueryParam("eventId") String eventId,
            @QueryParam("appUid") String appUid, @QueryParam("url") String url, @QueryParam("status") String status) {
        ConsoleScope scope = access.console(null);
        ConsoleViews.Query query = new ConsoleViews.Query(msgId, eventId, appUid, url, status);
        List<ConsoleViews.Found> results = List.of();
        if (query.any()) {
            results = find(scope, query).stream().map(ConsoleViews.Found::from).toList();
        }
        return Templates.search(scope.frame().titled("Find a message", "search"), query, results, query.any(),
                dev.herald.portal.PortalViews.states());
    }

    /** Keycloak sign-in: this route requires an identity, so the OIDC web tenant starts its code flow here. */
    @GET
    @Path("/login")
    @Authenticated
    public Response login() {
        return redirect("/console");
    }

    @GET
    @Path("/messages/{msg}")
    public TemplateInstance message(@PathParam("msg") String msg, @QueryParam("notice") String notice) {
        ConsoleScope scope = access.console(Notices.text(notice));
        MessageSearch.Found found = search.require(scope.tenantIds(), msg);
        Message message = Message.findInApp(found.tenantId(), found.appId(), found.id());
        List<PortalViews.DeliveryView> where = deliveries.of(found.tenantId(), found.appId(), msg).stream()
                .map(PortalViews.DeliveryView::from).toList();
        List<PortalViews.AttemptView> tries = attempts.ofMessage(found.tenantId(), found.appId(), msg, null, null,
                100).stream().map(PortalViews.AttemptView::from).toList();
        return Templates.message(scope.frame().titled("Message " + msg, "search"), ConsoleViews.Found.from(found),
                PortalViews.MessageView.from(message), where, tries);
    }

    @GET
    @Path("/messages/{msg}/endpoints/{ep}/resend")
    public TemplateInstance confirmResend(@PathParam("msg") String msg, @PathParam("ep") String ep) {
        ConsoleScope scope = access.console(null);
        MessageSearch.Found found = search.require(scope.tenantIds(), msg);
        Endpoint endpoint = Endpoint.require(found.tenantId(), found.appId(), ep);
        return Templates.confirmResend(scope.frame().titled("Resend?", "search"), msg, ep, endpoint.url);
    }

    @POST
    @Path("/messages/{msg}/endpoints/{ep}/resend")
    public Response resend(@PathParam("msg") String msg, @PathParam("ep") String ep) {
        ConsoleScope scope = access.console(null);
        MessageSearch.Found found = search.require(scope.tenantIds(), msg);
        Endpoint endpoint = Endpoint.require(found.tenantId(), found.appId(), ep);
        redelivery.resend(found.tenantId(), found.appId(), found.id(), endpoint, clock.instant());
        return redirect("/console/messages/" + msg + "?notice=resent");
    }

    @GET
    @Path("/endpoints/{ep}/recover")
    public TemplateInstance confirmRecover(@PathParam("ep") String ep) {
        ConsoleScope scope = access.console(null);
        Endpoint endpoint = served(scope, ep);
        return Templates.confirmRecover(scope.frame().titled("Recover?", "search"), ep, endpoint.url,
                PortalViews.localInput(clock.instant().minusSeconds(24 * 3600)));
    }

    @POST
    @Path("/endpoints/{ep}/recover")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response recover(@PathParam("ep") String ep, @RestForm String since) {
        ConsoleScope scope = access.console(null);
        Endpoint endpoint = served(scope, ep);
        Instant now = clock.instant();
        Instant from = PortalViews.parseLocal("since", since);
        Redelivery.checkWindow(from, now);
        int recovered = redelivery.recover(endpoint.tenantId, endpoint.appId, endpoint, from, now, now);
        return redirect("/console?notice=recovered-" + recovered);
    }

    @GET
    @Path("/audit")
    public TemplateInstance audit(@QueryParam("action") String action) {
        ConsoleScope scope = access.console(null);
        String wanted = action == null || action.isBlank() ? null : action.strip();
        List<AuditEntry> entries = wanted == null
                ? AuditEntry.find("tenantId in ?1 order by id desc", scope.tenantIds()).page(0, SHOWN).list()
                : AuditEntry.find("tenantId in ?1 and action = ?2 order by id desc", scope.tenantIds(), wanted)
                        .page(0, SHOWN).list();
        return Templates.audit(scope.frame().titled("Audit log", "audit"),
                entries.stream().map(ConsoleViews.AuditRow::from).toList(), wanted == null ? "" : wanted);
    }

    @ServerExceptionMapper
    public Response pageError(PageError e) {
        return errors.render(e);
    }

    @ServerExceptionMapper
    public Response apiError(ApiException e) {
        return errors.render(e);
    }

    /** Messages matching the query; an endpoint URL (exact or a part of it) is searched as its endpoints. */
    private List<MessageSearch.Found> find(ConsoleScope scope, ConsoleViews.Query query) {
        if (query.url() == null) {
            return search.search(scope.tenantIds(), query.criteria(null), null, SHOWN);
        }
        List<Endpoint> endpoints = Endpoint.find("tenantId in ?1 and url like ?2 order by id desc",
                scope.tenantIds(), "%" + query.url().replace("%", "\\%").replace("_", "\\_") + "%")
                .page(0, URL_MATCHES).list();
        List<MessageSearch.Found> found = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            found.addAll(search.search(scope.tenantIds(), query.criteria(endpoint.id), null, SHOWN));
        }
        return found.stream().collect(java.util.stream.Collectors.toMap(MessageSearch.Found::id, f -> f,
                        (a, b) -> a, java.util.LinkedHashMap::new)).values().stream()
                .sorted(Comparator.comparing(MessageSearch.Found::id).reversed()).limit(SHOWN).toList();
    }

    private static Endpoint served(ConsoleScope scope, String ep) {
        return Endpoint.<Endpoint>find("id = ?1 and tenantId in ?2", ep, scope.tenantIds()).firstResultOptional()
                .orElseThrow(() -> PageError.notFound("Endpoint " + ep));
    }

    private static Response redirect(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

}
