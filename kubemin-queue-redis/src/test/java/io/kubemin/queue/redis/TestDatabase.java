package io.kubemin.queue.redis;

import io.kubemin.testsupport.ExternalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** A MariaDB database of the test's own on 127.0.0.1:3306, dropped on close. */
final class TestDatabase implements AutoCloseable {
  private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";
  private final String name;

  private TestDatabase(String name) {
    this.name = name;
  }

  /** Skips (or fails, when services are required) unless MariaDB answers. */
  static TestDatabase create() throws SQLException {
    ExternalServices.assumeMariaDb();
    String name = "kubemin_redis_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    return new TestDatabase(name);
  }

  String url() {
    return SERVER + name + "?user=root";
  }

  @Override
  public void close() throws SQLException {
    execute("DROP DATABASE IF EXISTS " + name);
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(SERVER + "?user=root");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
