package io.kubemin.store.mysql;

import io.kubemin.Ids;
import org.junit.jupiter.api.Test;

/** {@link TraceContextMigration} on H2 in MySQL mode. */
class TraceContextMigrationTest {
  @Test
  void aVersionSixDatabaseWithDataMigratesToStoredTraceContexts() throws Exception {
    TraceContextMigration.run(
        "jdbc:h2:mem:traces_"
            + Ids.newId()
            + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
  }
}
