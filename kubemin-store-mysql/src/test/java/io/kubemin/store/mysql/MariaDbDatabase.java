package io.kubemin.store.mysql;

import io.kubemin.testsupport.ExternalServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own on the local MariaDB (random name, so that runs sharing the server never
 * collide), dropped on close. Skips the test when the server is absent.
 */
final class MariaDbDatabase implements AutoCloseable {
  static final String SERVER = "127.0.0.1:3306";

  private final String name;

  private MariaDbDatabase(String name) {
    this.name = name;
  }

  /** Creates a fresh database, or skips the calling test when MariaDB does not answer. */
  static MariaDbDatabase create() {
    ExternalServices.assumeMariaDb();
    String name = "kubemin_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
    return new MariaDbDatabase(name);
  }

  String name() {
    return name;
  }

  /** Through the MariaDB driver. */
  String mariaDbUrl() {
    return "jdbc:mariadb://" + SERVER + "/" + name + "?user=root";
  }

  /** Through MySQL Connector/J. */
  String connectorJUrl() {
    return "jdbc:mysql://"
        + SERVER
        + "/"
        + name
        + "?user=root&sslMode=DISABLED&allowPublicKeyRetrieval=true";
  }

  /** Runs a statement as root, outside any store. */
  static void execute(String sql) {
    try (Connection connection =
            DriverManager.getConnection("jdbc:mariadb://" + SERVER + "/?user=root");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Empties every store table (the schema stays). */
  void truncateStoreTables() {
    for (String table :
        new String[] {
          "min_applications",
          "min_app_components",
          "min_workflows",
          "min_workflow_queue",
          "min_job",
          "min_app_locks",
          "min_leases"
        }) {
      execute("TRUNCATE TABLE " + name + "." + table);
    }
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS " + name);
  }
}
