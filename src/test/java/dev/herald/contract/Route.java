package dev.herald.contract;

import java.util.regex.Pattern;

/**
 * One HTTP route: a method and a path template whose parameters are written {@code {name}} (JAX-RS regular
 * expressions and blanks stripped, no trailing slash), so that JAX-RS and OpenAPI spellings compare equal.
 */
record Route(String method, String path) implements Comparable<Route> {

    private static final Pattern PARAMETER = Pattern.compile("\\{\\s*([^}:\\s]+)\\s*(?::[^}]*)?}");

    static Route of(String method, String path) {
        return new Route(method.toUpperCase(java.util.Locale.ROOT), normalise(path));
    }

    static String normalise(String path) {
        String joined = ("/" + path).replaceAll("/{2,}", "/");
        String named = PARAMETER.matcher(joined).replaceAll("{$1}");
        return named.length() > 1 && named.endsWith("/") ? named.substring(0, named.length() - 1) : named;
    }

    /** The same route with parameter names erased: tells a renamed parameter from a missing route. */
    Route shape() {
        return new Route(method, PARAMETER.matcher(path).replaceAll("{}"));
    }

    @Override
    public int compareTo(Route other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : method.compareTo(other.method);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
