package io.kubemin.store.mysql;

import static io.kubemin.store.mysql.MigrationSteps.awaitCompleted;
import static io.kubemin.store.mysql.MigrationSteps.engine;
import static io.kubemin.store.mysql.MigrationSteps.execute;
import static io.kubemin.store.mysql.MigrationSteps.shop;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.workflow.TaskStatus;
import java.sql.SQLException;

/**
 * A database at schema version 8, whose task notes its revision in {@code min_task_revisions},
 * migrates to version 9 (the revision in the task's row): the old task still tells the revision it
 * deployed, and a new exec stores and tells its own.
 */
final class TaskRevisionMigration {
  private TaskRevisionMigration() {}

  static void run(String url) throws SQLException {
    String appId;
    String oldTask;
    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin kubemin = engine(store)) {
      appId = kubemin.createApplication(shop()).id();
      kubemin.createApplication(shop(appId, "nginx:1.28")); // revision 2
      oldTask = kubemin.exec(appId);
      awaitCompleted(kubemin, oldTask);
      assertThat(kubemin.taskRevision(oldTask)).contains(2);
    }
    // Back to schema version 8, as that version wrote the task: its note in min_task_revisions.
    execute(
        url,
        "DELETE FROM min_task_revisions WHERE task_id = '" + oldTask + "'",
        "INSERT INTO min_task_revisions (task_id, app_id, revision) VALUES ('"
            + oldTask
            + "', '"
            + appId
            + "', 2)",
        "ALTER TABLE min_workflow_queue DROP COLUMN revision",
        "DELETE FROM min_schema_version WHERE version = 9");

    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin kubemin = engine(store)) {
      SchemaAssertions.assertMigratedOnce(url);
      assertThat(kubemin.task(oldTask).status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(kubemin.taskRevision(oldTask)).contains(2);

      kubemin.createApplication(shop(appId, "nginx:1.29")); // revision 3
      String newTask = kubemin.exec(appId);
      awaitCompleted(kubemin, newTask);

      assertThat(kubemin.taskRevision(newTask)).contains(3);
      assertThat(kubemin.taskRevision(oldTask)).contains(2);
    }
  }
}
