package io.kubemin.store.mysql;

import io.kubemin.Ids;
import org.junit.jupiter.api.Test;

/** {@link RevisionMigration} on H2 in MySQL mode. */
class RevisionMigrationTest {
  @Test
  void aWaveOneDatabaseWithDataMigratesToRevisions() throws Exception {
    RevisionMigration.run(
        "jdbc:h2:mem:revisions_"
            + Ids.newId()
            + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
  }
}
