package dev.herald.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;

/**
 * The routes the service serves, read from the JAX-RS annotations of the compiled classes (without loading them):
 * every {@code @Path} class, its resource methods, class and method paths joined, plus the roles each allows.
 */
final class ServedRoutes {

    private static final DotName PATH = DotName.createSimple("jakarta.ws.rs.Path");
    private static final DotName APPLICATION_PATH = DotName.createSimple("jakarta.ws.rs.ApplicationPath");
    private static final DotName ROLES_ALLOWED = DotName.createSimple("jakarta.annotation.security.RolesAllowed");
    private static final Map<DotName, String> HTTP_METHODS = Map.of(
            DotName.createSimple("jakarta.ws.rs.GET"), "GET",
            DotName.createSimple("jakarta.ws.rs.POST"), "POST",
            DotName.createSimple("jakarta.ws.rs.PUT"), "PUT",
            DotName.createSimple("jakarta.ws.rs.PATCH"), "PATCH",
            DotName.createSimple("jakarta.ws.rs.DELETE"), "DELETE",
            DotName.createSimple("jakarta.ws.rs.HEAD"), "HEAD",
            DotName.createSimple("jakarta.ws.rs.OPTIONS"), "OPTIONS");

    private static final DotName QUERY_PARAM = DotName.createSimple("jakarta.ws.rs.QueryParam");
    private static final DotName HEADER_PARAM = DotName.createSimple("jakarta.ws.rs.HeaderParam");
    private static final DotName REST_QUERY = DotName.createSimple("org.jboss.resteasy.reactive.RestQuery");
    private static final DotName REST_HEADER = DotName.createSimple("org.jboss.resteasy.reactive.RestHeader");
    private static final DotName BEAN_PARAM = DotName.createSimple("jakarta.ws.rs.BeanParam");

    /**
     * A served route, where it is implemented, the roles that may call it (empty: no role check) and the names of
     * its query and header parameters (headers in lower case).
     */
    record Served(Route route, String implementedBy, Set<String> roles, Set<String> queryParameters,
            Set<String> headerParameters) {
    }

    private ServedRoutes() {
    }

    static List<Served> in(Path classesRoot) {
        Index index = index(classesRoot);
        String applicationPath = index.getAnnotations(APPLICATION_PATH).stream()
                .map(a -> a.value().asString()).findFirst().orElse("");
        List<Served> served = new ArrayList<>();
        List<String> locators = new ArrayList<>();
        for (AnnotationInstance classPath : index.getAnnotations(PATH)) {
            if (classPath.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.CLASS) {
                continue;
            }
            ClassInfo resource = classPath.target().asClass();
            Set<String> classRoles = roles(resource.declaredAnnotation(ROLES_ALLOWED));
            for (MethodInfo method : resource.methods()) {
                AnnotationInstance methodPath = method.declaredAnnotation(PATH);
                List<String> verbs = HTTP_METHODS.entrySet().stream()
                        .filter(e -> method.hasDeclaredAnnotation(e.getKey())).map(Map.Entry::getValue).toList();
                if (verbs.isEmpty()) {
                    if (methodPath != null) {
                        locators.add(resource.name() + "#" + method.name());
                    }
                    continue;
                }
                String path = applicationPath + "/" + classPath.value().asString()
                        + (methodPath == null ? "" : "/" + methodPath.value().asString());
                Set<String> methodRoles = roles(method.declaredAnnotation(ROLES_ALLOWED));
                String implementedBy = resource.simpleName() + "#" + method.name();
                if (!parameterNames(method, BEAN_PARAM, BEAN_PARAM).isEmpty()) {
                    throw new IllegalStateException(implementedBy + " takes a @BeanParam, which this check cannot "
                            + "read; list its parameters on the method or teach ServedRoutes about it");
                }
                Set<String> query = parameterNames(method, QUERY_PARAM, REST_QUERY);
                Set<String> headers = new LinkedHashSet<>();
                parameterNames(method, HEADER_PARAM, REST_HEADER)
                        .forEach(h -> headers.add(h.toLowerCase(java.util.Locale.ROOT)));
                for (String verb : verbs) {
                    served.add(new Served(Route.of(verb, path), implementedBy,
                            methodRoles.isEmpty() ? classRoles : methodRoles, query, headers));
                }
            }
        }
        if (!locators.isEmpty()) {
            throw new IllegalStateException("Sub-resource locators are not understood by this check; serve these "
                    + "routes from resource methods or teach ServedRoutes about them: " + locators);
        }
        return served;
    }

    /** Every served route by route; a route served twice is a deployment error, reported as such. */
    static Map<Route, Served> byRoute(List<Served> served) {
        Map<Route, Served> byRoute = new TreeMap<>();
        for (Served s : served) {
            Served earlier = byRoute.putIfAbsent(s.route(), s);
            if (earlier != null) {
                throw new IllegalStateException(s.route() + " is served twice: by " + earlier.implementedBy()
                        + " and " + s.implementedBy());
            }
        }
        return byRoute;
    }

    /** The names of the method's parameters bound with either annotation; Quarkus' own default to the Java name. */
    private static Set<String> parameterNames(MethodInfo method, DotName jakarta, DotName quarkus) {
        Set<String> names = new LinkedHashSet<>();
        for (AnnotationInstance a : method.annotations()) {
            if (a.target() == null || a.target().kind() != org.jboss.jandex.AnnotationTarget.Kind.METHOD_PARAMETER
                    || !(a.name().equals(jakarta) || a.name().equals(quarkus))) {
                continue;
            }
            AnnotationValue value = a.value();
            names.add(value != null && !value.asString().isEmpty() ? value.asString()
                    : method.parameterName(a.target().asMethodParameter().position()));
        }
        return names;
    }

    private static Set<String> roles(AnnotationInstance rolesAllowed) {
        if (rolesAllowed == null) {
            return Set.of();
        }
        AnnotationValue value = rolesAllowed.value();
        return value == null ? Set.of() : new LinkedHashSet<>(List.of(value.asStringArray()));
    }

    private static Index index(Path classesRoot) {
        if (!Files.isDirectory(classesRoot)) {
            throw new IllegalStateException(classesRoot.toAbsolutePath() + " does not exist: compile first");
        }
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(classesRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return indexer.complete();
    }
}
