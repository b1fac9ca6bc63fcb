package dev.herald.e2e;

import dev.herald.local.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the database the packaged instances share, to check what their API does not show. */
final class Sql {

    private Sql() {
    }

    static long count(EmbeddedPostgres database, String query) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
