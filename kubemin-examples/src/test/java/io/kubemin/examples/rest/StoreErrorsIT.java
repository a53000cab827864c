package io.kubemin.examples.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.examples.rest.RestClient.Answer;
import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.Providers;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.testsupport.ExternalServices;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A failure inside MariaDB reaches the client as an envelope naming nothing of the database. */
class StoreErrorsIT {
  private static final String SERVER = "jdbc:mariadb://127.0.0.1:3306/";

  @Test
  void aValueTheColumnCannotHoldNamesNoColumnSqlStateOrConnection() throws Exception {
    ExternalServices.assumeMariaDb();
    String database =
        "kubemin_rest_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
    try (DataStore store = Providers.openDataStore(SERVER + database + "?user=root");
        KubeMin kubemin =
            KubeMin.builder()
                .dataStore(store)
                .queue(new InMemoryQueue())
                .jobExecutor(new RecordingJobExecutor())
                .shutdownTimeout(Duration.ofMillis(200))
                .build()) {
      kubemin.start();
      try (RestServer server =
          RestServer.start(kubemin, new InetSocketAddress("127.0.0.1", 0), List.of())) {
        RestClient api = new RestClient(server);
        Answer answer =
            api.post(
                RestServer.PREFIX + "/applications",
                "{\"name\": \"long-alias\", \"alias\": \""
                    + "a".repeat(300)
                    + "\", \"component\": [{\"name\": \"web\", \"type\": \"webservice\","
                    + " \"image\": \"nginx:1\"}]}");

        assertThat(answer.status()).isIn(400, 500);
        assertThat(answer.body().toString())
            .doesNotContainIgnoringCase("sqlstate")
            .doesNotContainIgnoringCase("data too long")
            .doesNotContainIgnoringCase("column")
            .doesNotContain("22001", "conn=", "org.mariadb", "java.", "jdbi");
      }
    } finally {
      execute("DROP DATABASE IF EXISTS " + database);
    }
  }

  private static void execute(String sql) throws Exception {
    try (Connection connection = DriverManager.getConnection(SERVER + "?user=root");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
