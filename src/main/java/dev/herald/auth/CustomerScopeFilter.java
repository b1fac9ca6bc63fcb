package dev.herald.auth;

import dev.herald.http.ApiException;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Confines customers (portal tokens, Keycloak users with an {@code app_id}) to their own application: they reach
 * {@code /api/v1/apps/{their app}/...} and read {@code /api/v1/event-types}, nothing else. Another application's id
 * answers 404, as a foreign id does everywhere. Which operations under their application they may use is still up to
 * each resource method's {@code @RolesAllowed}. Runs on the resource's worker thread, so it may ask the database.
 */
public class CustomerScopeFilter {

    private static final String API = "/api/v1/";
    private static final String APPS = "/api/v1/apps/";
    private static final String EVENT_TYPES = "/api/v1/event-types";
    private static final String APP_ID = "select id from application where tenant_id = ? and (id = ? or uid = ?)";

    private final Caller caller;
    private final DataSource dataSource;

    CustomerScopeFilter(Caller caller, DataSource dataSource) {
        this.caller = caller;
        this.dataSource = dataSource;
    }

    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 1)
    public void confineCustomers(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        // Only the API is scoped; asking who calls would authenticate requests to public routes too.
        if (!path.startsWith(API) || !caller.is(Roles.CUSTOMER)) {
            return;
        }
        if (path.equals(EVENT_TYPES) || path.startsWith(EVENT_TYPES + "/")) {
            if (HttpMethod.GET.equals(request.getMethod())) {
                return;
            }
            throw ApiException.forbidden("Customers read event types; they do not change them");
        }
        if (!path.startsWith(APPS) || path.length() == APPS.length()) {
            throw ApiException.forbidden("A customer reaches only its own application");
        }
        String named = List.of(path.substring(APPS.length()).split("/")).getFirst();
        if (!isOwnApp(named)) {
            throw ApiException.notFound("Application", named);
        }
    }

    private boolean isOwnApp(String named) {
        CallerScope scope = caller.scope();
        if (scope.app() == null) {
            return false;
        }
        if (scope.namesOwnApp(named)) {
            return true;
        }
        String tenantId = caller.tenantId();
        String requested = appId(tenantId, named);
        return requested != null && requested.equals(appId(tenantId, scope.app()));
    }

    private String appId(String tenantId, String idOrUid) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(APP_ID)) {
            query.setString(1, tenantId);
            query.setString(2, idOrUid);
            query.setString(3, idOrUid);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not look up application " + idOrUid, e);
        }
    }
}
