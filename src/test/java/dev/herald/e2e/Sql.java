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

    /** The rows of a query as text, one line per row, for failure messages. */
    static String rows(EmbeddedPostgres database, String query) {
        StringBuilder out = new StringBuilder();
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.username(), "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                for (int i = 1; i <= columns; i++) {
                    out.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.append('\n');
            }
            return out.toString();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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
