package dev.herald.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BatchColumnsTest {

    @Inject
    DataSource db;

    @Test
    void everyTextReachesPostgresqlByteForByteWhateverCharactersItHolds() throws Exception {
        List<String> texts = Arrays.asList("{\"quote\":\"a\\\"b\",\"path\":\"C:\\\\x\"}", "{a,b}", "NULL", null, "",
                " padded ", "ünïcødé ✓ 🚀", "line\nbreak\ttab", "comma, and } brace");

        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "select v, v is null from unnest(?::text[]) with ordinality as t(v, n) order by n")) {
            BatchColumns.text(s, 1, texts, text -> text);
            List<String> read = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    assertThat(r.getBoolean(2)).isEqualTo(r.getString(1) == null);
                    read.add(r.getString(1));
                }
            }
            assertThat(read).containsExactlyElementsOf(texts);
        }
    }

    @Test
    void numbersAndTimesTravelAsTheirOwnTypesWithNullsKept() throws Exception {
        Instant at = Instant.parse("2026-12-06T01:02:03.123456Z");
        List<Object[]> rows = List.of(new Object[] {Long.MAX_VALUE, 204, at}, new Object[] {null, null, null});

        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        select id, status, at from unnest(?::bigint[], ?::int[], ?::timestamptz[])
                               with ordinality as t(id, status, at, n) order by n""")) {
            BatchColumns.bigint(s, 1, rows, row -> (Long) row[0]);
            BatchColumns.integer(s, 2, rows, row -> (Integer) row[1]);
            BatchColumns.text(s, 3, rows, row -> row[2] == null ? null : row[2].toString());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                assertThat(r.getLong(1)).isEqualTo(Long.MAX_VALUE);
                assertThat(r.getInt(2)).isEqualTo(204);
                assertThat(r.getTimestamp(3).toInstant()).isEqualTo(at);
                r.next();
                assertThat(r.getObject(1)).isNull();
                assertThat(r.getObject(2)).isNull();
                assertThat(r.getObject(3)).isNull();
            }
        }
    }
}
