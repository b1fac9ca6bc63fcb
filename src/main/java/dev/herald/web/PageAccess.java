package dev.herald.web;

import dev.herald.application.Application;
import dev.herald.auth.Caller;
import dev.herald.auth.Roles;
import jakarta.enterprise.context.RequestScoped;
import java.util.Set;

/**
 * The one place that decides who may see the pages. The portal admits a customer of one application (a portal-link
 * session or a Keycloak user with {@code app_id}); the console admits {@code support} and {@code tenant-admin}
 * people. Everyone else gets an error page that says how to get in.
 */
@RequestScoped
public class PageAccess {

    private final Caller caller;
    private final CsrfToken csrf;
    private final WebConfig config;

    PageAccess(Caller caller, CsrfToken csrf, WebConfig config) {
        this.caller = caller;
        this.csrf = csrf;
        this.config = config;
    }

    /** A customer's view: the tenant and the one application the portal shows. */
    public record PortalScope(String tenantId, Application app, String actor, Frame frame) {
    }

    /** Support's or a tenant admin's view: the tenants the console searches. */
    public record ConsoleScope(Set<String> tenantIds, String actor, String role, Frame frame) {
    }

    public PortalScope portal(String notice) {
        if (!caller.is(Roles.CUSTOMER) || caller.appId() == null || caller.tenantIds().size() != 1) {
            throw new PageError(401, "Your portal session has ended",
                    "Portal links are short-lived and this browser has no valid one.",
                    "Open the portal again from the link your provider gives you.");
        }
        String tenantId = caller.tenantId();
        Application app = Application.findByIdOrUid(tenantId, caller.appId());
        if (app == null) {
            throw new PageError(404, "Application not found",
                    "The application this portal link was made for no longer exists.", null);
        }
        String who = app.name == null || app.name.isBlank() ? app.uid == null ? app.id : app.uid : app.name;
        return new PortalScope(tenantId, app, caller.actor(),
                new Frame("portal", null, null, who, csrf.value(), notice));
    }

    public ConsoleScope console(String notice) {
        if (!caller.is(Roles.SUPPORT) && !caller.is(Roles.TENANT_ADMIN)) {
            boolean anonymous = caller.role() == null;
            if (!anonymous) {
                throw new PageError(403, "Not allowed", "Your account has no support or tenant-admin role.", null);
            }
            if (config.oidcLogin()) {
                throw PageError.signIn("/console/login");
            }
            throw new PageError(401, "Sign in required",
                    "The support console is for Herald support staff and tenant administrators.",
                    "Sign-in is not switched on here (herald.web.oidc-login).");
        }
        if (caller.tenantIds().isEmpty()) {
            throw new PageError(403, "No tenant", "Your account serves no tenant (token claim tenant_id).", null);
        }
        return new ConsoleScope(caller.tenantIds(), caller.actor(), caller.role(),
                new Frame("console", null, null, caller.actor() + " · " + caller.role(), csrf.value(), notice));
    }
}
