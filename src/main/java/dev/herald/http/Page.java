package dev.herald.http;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a newest-first list. {@code iterator} is the cursor to pass back for the next page; {@code done}
 * says there is none.
 */
public record Page<T>(List<T> data, String iterator, boolean done) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 250;

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells whether more exist.
     */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, String> cursorOf, Function<E, T> toOut) {
        boolean done = rows.size() <= limit;
        List<E> visible = done ? rows : rows.subList(0, limit);
        String iterator = visible.isEmpty() ? null : cursorOf.apply(visible.get(visible.size() - 1));
        return new Page<>(visible.stream().map(toOut).toList(), done ? null : iterator, done);
    }

    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
