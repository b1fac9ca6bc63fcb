package dev.herald.db;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Binds a batch one column at a time, each column as one array parameter ({@code unnest(?::text[], ?::bigint[])}),
 * sent in PostgreSQL's binary array format: each value goes as its bytes with a length. The text format
 * ({@code Connection.createArrayOf}) escapes every character of every value into an array literal, which PostgreSQL
 * then parses back; at fan-out 1 escaping the payloads and response excerpts was 5 % of the service's CPU (profiled in
 * bench scenario 2a). Texts go as {@code varchar[]}, so the statement casts them to what it needs ({@code ?::text[]},
 * {@code ?::timestamptz[]} from ISO-8601 strings).
 */
public final class BatchColumns {

    private BatchColumns() {
    }

    public static <T> void text(PreparedStatement statement, int index, List<T> rows,
            Function<? super T, String> value) throws SQLException {
        bind(statement, index, rows, value, String[]::new);
    }

    public static <T> void bigint(PreparedStatement statement, int index, List<T> rows,
            Function<? super T, Long> value) throws SQLException {
        bind(statement, index, rows, value, Long[]::new);
    }

    public static <T> void integer(PreparedStatement statement, int index, List<T> rows,
            Function<? super T, Integer> value) throws SQLException {
        bind(statement, index, rows, value, Integer[]::new);
    }

    /** The driver sends String[], Long[] and Integer[] in binary; an Object[] it would spell out as text. */
    private static <T, V> void bind(PreparedStatement statement, int index, List<T> rows,
            Function<? super T, V> value, IntFunction<V[]> array) throws SQLException {
        V[] column = array.apply(rows.size());
        for (int i = 0; i < column.length; i++) {
            column[i] = value.apply(rows.get(i));
        }
        statement.setObject(index, column);
    }
}
