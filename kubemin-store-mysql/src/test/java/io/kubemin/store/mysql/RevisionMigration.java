package io.kubemin.store.mysql;

import static io.kubemin.store.mysql.MigrationSteps.awaitCompleted;
import static io.kubemin.store.mysql.MigrationSteps.engine;
import static io.kubemin.store.mysql.MigrationSteps.execute;
import static io.kubemin.store.mysql.MigrationSteps.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.spi.RevisionRecord;
import io.kubemin.workflow.TaskStatus;
import java.sql.SQLException;

/**
 * A database written by wave 1 (schema versions 1, 2 and 4, with an application and an ended task
 * in it) migrates to version 5: its rows stay, the application gets revision 1 at its next change,
 * and later tasks record their revision.
 */
final class RevisionMigration {
  private RevisionMigration() {}

  static void run(String url) throws SQLException {
    String appId;
    String oldTask;
    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin kubemin = engine(store)) {
      appId = kubemin.createApplication(shop()).id();
      oldTask = kubemin.exec(appId);
      awaitCompleted(kubemin, oldTask);
    }
    // Back to the wave-1 schema: what versions 5 and 9 added is removed, the data stays.
    execute(
        url,
        "DROP TABLE min_task_revisions",
        "DROP TABLE min_app_revisions",
        "ALTER TABLE min_workflow_queue DROP COLUMN revision",
        "DELETE FROM min_schema_version WHERE version IN (5, 9)");

    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin kubemin = engine(store)) {
      SchemaAssertions.assertMigratedOnce(url);
      assertThat(kubemin.application(appId).name()).isEqualTo("shop");
      assertThat(kubemin.task(oldTask).status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(kubemin.revisions(appId)).isEmpty();
      assertThat(kubemin.taskRevision(oldTask)).isEmpty();

      kubemin.createApplication(shop(appId, "nginx:1.28"));
      String newTask = kubemin.exec(appId);
      awaitCompleted(kubemin, newTask);

      assertThat(kubemin.revisions(appId))
          .extracting(RevisionRecord::number, RevisionRecord::cause)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "replaced"));
      assertThat(kubemin.revision(appId, 1).components().get(0).image()).isEqualTo("nginx:1.28");
      assertThat(kubemin.taskRevision(newTask)).contains(1);
    }
  }
}
