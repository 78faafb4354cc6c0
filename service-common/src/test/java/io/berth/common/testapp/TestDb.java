package io.berth.common.testapp;

import io.berth.testing.BerthInfra;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Plain JDBC against the harness database, to look at rows behind the service's back. */
public final class TestDb {
  private TestDb() {}

  public static long count(String sql, Object... params) {
    try (Connection c = DriverManager.getConnection(BerthInfra.jdbcUrl(), BerthInfra.dbUser(), "berth");
        PreparedStatement st = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        st.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
