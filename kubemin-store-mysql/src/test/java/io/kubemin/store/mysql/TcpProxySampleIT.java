package io.kubemin.store.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.kubemin.spi.DataStoreException;
import io.kubemin.testsupport.TcpProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** docs/fault-tests.md: a store whose MariaDB connections go through a proxy that cuts them. */
class TcpProxySampleIT {

  @Test
  void aCutConnectionFailsTheCallAndTheStoreWorksAgainOnceRestored() {
    try (MariaDbDatabase database = MariaDbDatabase.create();
        TcpProxy proxy = TcpProxy.start("127.0.0.1", 3306)) {
      String url =
          "jdbc:mariadb://127.0.0.1:"
              + proxy.port()
              + "/"
              + database.name()
              + "?user=root&connectTimeout=1000&socketTimeout=3000";
      try (MySqlDataStore store = MySqlDataStore.open(url)) {
        assertThat(store.listApplications()).isEmpty();

        proxy.cut(); // every connection closed, new ones refused
        assertThatThrownBy(store::listApplications).isInstanceOf(DataStoreException.class);

        proxy.restore(); // pooled connections that were cut fail once each, then are replaced
        await()
            .atMost(Duration.ofSeconds(30))
            .ignoreExceptions()
            .until(() -> store.listApplications().isEmpty());
      }
    }
  }
}
