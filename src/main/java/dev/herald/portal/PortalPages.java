package dev.herald.portal;

import dev.herald.delivery.AttemptHistory;
import dev.herald.endpoint.Endpoint;
import dev.herald.eventtype.EventType;
import dev.herald.http.ApiException;
import dev.herald.message.Message;
import dev.herald.support.MessageDeliveries;
import dev.herald.web.Cookies;
import dev.herald.web.CsrfToken;
import dev.herald.web.ErrorPages;
import dev.herald.web.Frame;
import dev.herald.web.Notices;
import dev.herald.web.PageAccess;
import dev.herald.web.PageAccess.PortalScope;
import dev.herald.web.PageError;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The consumer portal's entry (the portal link), its session, the event-type catalogue and the message log with
 * every attempt. Endpoints have their own pages ({@link PortalEndpointPages}).
 */
@Path("/portal")
@Produces(MediaType.TEXT_HTML)
public class PortalPages {

    private static final int MESSAGES_SHOWN = 50;
    private static final int ATTEMPTS_SHOWN = 100;
    private static final List<String> STATES = PortalViews.states();

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance enter(Frame frame, String app);

        static native TemplateInstance eventTypes(Frame frame, List<PortalViews.EventTypeView> types);

        static native TemplateInstance messages(Frame frame, List<PortalViews.MessageRow> messages,
                List<String> eventTypes, List<String> states, String eventType, String status, String since,
                String next);

        static native TemplateInstance message(Frame frame, PortalViews.MessageView message,
                List<PortalViews.DeliveryView> deliveries, List<PortalViews.AttemptView> attempts);
    }

    private final PageAccess access;
    private final PortalTokens tokens;
    private final Cookies cookies;
    private final CsrfToken csrf;
    private final MessageLog log;
    private final MessageDeliveries deliveries;
    private final AttemptHistory attempts;
    private final PortalActions actions;
    private final InstantSource clock;
    private final ErrorPages errors;
    private final SecurityIdentity identity;

    PortalPages(PageAccess access, PortalTokens tokens, Cookies cookies, CsrfToken csrf, MessageLog log,
            MessageDeliveries deliveries, AttemptHistory attempts, PortalActions actions, InstantSource clock,
            ErrorPages errors, SecurityIdentity identity) {
        this.access = access;
        this.tokens = tokens;
        this.cookies = cookies;
        this.csrf = csrf;
        this.log = log;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.actions = actions;
        this.clock = clock;
        this.errors = errors;
        this.identity = identity;
    }

    @GET
    public Response home() {
        return PortalEndpointPages.redirect("/portal/endpoints");
    }

    /** Keycloak sign-in for customers (token claim app_id): an HTTP permission makes the web OIDC tenant run here. */
    @GET
    @Path("/login")
    public Response login() {
        return PortalEndpointPages.redirect("/portal/endpoints");
    }

    /**
     * Where a portal link lands ({@code /portal/<app>#token=...}). The token is in the fragment, which browsers never
     * send: the page's script posts it to {@link #session} and the token leaves the address bar.
     */
    @GET
    @Path("/{app}")
    public TemplateInstance enter(@PathParam("app") String app) {
        return Templates.enter(new Frame("portal", "Opening your portal", null, null, csrf.value(), null), app);
    }

    /** Exchanges a portal token for the session cookie, then sends the browser on without the token. */
    @POST
    @Path("/session")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response session(@RestForm String token) {
        PortalTokenCodec.Claims claims = tokens.verify(token == null ? null : token.strip()).orElseThrow(
                () -> new PageError(401, "This portal link does not work",
                        "It has expired, was revoked, or was copied incompletely.",
                        "Ask your provider for a new portal link."));
        Duration left = Duration.between(clock.instant(), claims.expiresAt());
        return Response.seeOther(java.net.URI.create("/portal/endpoints"))
                .cookie(cookies.session(PortalSessionMechanism.COOKIE, token.strip(), left)).build();
    }

    /**
     * Ends a portal session. A customer signed in through Keycloak is sent on to the web tenant's logout, which ends
     * the Keycloak session as well; a portal-link session just loses its cookie.
     */
    @POST
    @Path("/logout")
    public Response logout() {
        if (identity.getPrincipal() instanceof JsonWebToken) {
            return Response.seeOther(java.net.URI.create("/console/logout")).build();
        }
        Response page = errors.render(new PageError(200, "Signed out", "You have left the portal.",
                "Open it again from the link your provider gives you."));
        return Response.fromResponse(page).cookie(cookies.expired(PortalSessionMechanism.COOKIE)).build();
    }

    /** The tenant's catalogue: what each event type means, its schema and an example. */
    @GET
    @Path("/event-types")
    public TemplateInstance eventTypes() {
        PortalScope scope = access.portal(null);
        List<PortalViews.EventTypeView> types = EventType.page(scope.tenantId(), false, null, 250).stream()
                .sorted(Comparator.comparing((EventType t) -> t.name))
                .map(t -> new PortalViews.EventTypeView(t.name, t.description, PortalViews.pretty(t.schema),
                        PortalViews.pretty(t.example)))
                .toList();
        return Templates.eventTypes(scope.frame().titled("Event types", "event-types"), types);
    }

    @GET
    @Path("/messages")
    public TemplateInstance messages(@QueryParam("eventType") String eventType, @QueryParam("status") String status,
            @QueryParam("since") String since, @QueryParam("before") String before,
            @QueryParam("notice") String notice) {
        PortalScope scope = access.portal(Notices.text(notice));
        String type = blankToNull(eventType);
        String state = blankToNull(status);
        if (state != null && !STATES.contains(state)) {
            throw ApiException.invalid("status", "must be one of " + String.join(", ", STATES));
        }
        Instant from = blankToNull(since) == null ? null : PortalViews.parseLocal("since", since);
        List<Message> page = log.page(scope.tenantId(), scope.app().id, new MessageLog.Filter(type, state, from),
                blankToNull(before), MESSAGES_SHOWN + 1);
        String next = page.size() > MESSAGES_SHOWN ? page.get(MESSAGES_SHOWN - 1).id : null;
        List<PortalViews.MessageRow> rows = page.stream().limit(MESSAGES_SHOWN).map(PortalViews.MessageRow::from)
                .toList();
        List<String> types = EventType.page(scope.tenantId(), true, null, 250).stream().map(t -> t.name).sorted()
                .toList();
        return Templates.messages(scope.frame().titled("Messages", "messages"), rows, types, STATES,
                type == null ? "" : type, state == null ? "" : state, since == null ? "" : since, next);
    }

    @GET
    @Path("/messages/{msg}")
    public TemplateInstance message(@PathParam("msg") String msg, @QueryParam("notice") String notice) {
        PortalScope scope = access.portal(Notices.text(notice));
        Message message = Message.findInApp(scope.tenantId(), scope.app().id, msg);
        if (message == null) {
            throw PageError.notFound("Message " + msg);
        }
        List<PortalViews.DeliveryView> where = deliveries.of(scope.tenantId(), scope.app().id, msg).stream()
                .map(PortalViews.DeliveryView::from).toList();
        List<PortalViews.AttemptView> tries = attempts.ofMessage(scope.tenantId(), scope.app().id, msg, null, null,
                ATTEMPTS_SHOWN).stream().map(PortalViews.AttemptView::from).toList();
        return Templates.message(scope.frame().titled("Message " + msg, "messages"),
                PortalViews.MessageView.from(message), where, tries);
    }

    @POST
    @Path("/messages/{msg}/endpoints/{ep}/resend")
    public Response resend(@PathParam("msg") String msg, @PathParam("ep") String ep) {
        PortalScope scope = access.portal(null);
        if (Message.findInApp(scope.tenantId(), scope.app().id, msg) == null) {
            throw PageError.notFound("Message " + msg);
        }
        Endpoint endpoint = Endpoint.find("tenantId = ?1 and appId = ?2 and id = ?3", scope.tenantId(),
                scope.app().id, ep).firstResult();
        if (endpoint == null) {
            throw PageError.notFound("Endpoint " + ep);
        }
        actions.resend(scope, msg, endpoint);
        return PortalEndpointPages.redirect("/portal/messages/" + msg + "?notice=resent");
    }

    /** Sends the chosen event type's example to this application's endpoints. */
    @POST
    @Path("/test-event")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response testEvent(@RestForm String eventType) {
        PortalScope scope = access.portal(null);
        String id = actions.sendTest(scope, blankToNull(eventType));
        return PortalEndpointPages.redirect("/portal/messages/" + id + "?notice=sent");
    }

    @ServerExceptionMapper
    public Response pageError(PageError e) {
        return errors.render(e);
    }

    @ServerExceptionMapper
    public Response apiError(ApiException e) {
        return errors.render(e);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
