package io.kubemin.store.mysql;

import static io.kubemin.store.mysql.MigrationSteps.awaitCompleted;
import static io.kubemin.store.mysql.MigrationSteps.engine;
import static io.kubemin.store.mysql.MigrationSteps.execute;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubemin.KubeMin;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.workflow.TaskStatus;
import java.sql.SQLException;
import java.util.List;

/**
 * A database at schema version 8, whose task notes its revision in {@code min_task_revisions},
 * migrates to version 9 (the revision in the task's row): the old task still tells the revision it
 * deployed, and a new exec stores and tells its own.
 */
final class TaskRevisionMigration {
  private TaskRevisionMigration() {}

  static void run(String url) throws SQLException {
    Component web = Component.builder().name("web").type("webservice").image("nginx:1.27").build();
    Application app = Application.builder().name("shop").components(List.of(web)).build();
    String appId;
    String oldTask;
    try (MySqlDataStore store = MySqlDataStore.open(url);
        KubeMin kubemin = engine(store)) {
      appId = kubemin.createApplication(app).id();
      kubemin.createApplication(withImage(app, appId, web, "nginx:1.28")); // revision 2
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

      kubemin.createApplication(withImage(app, appId, web, "nginx:1.29")); // revision 3
      String newTask = kubemin.exec(appId);
      awaitCompleted(kubemin, newTask);

      assertThat(kubemin.taskRevision(newTask)).contains(3);
      assertThat(kubemin.taskRevision(oldTask)).contains(2);
    }
  }

  private static Application withImage(Application app, String appId, Component web, String image) {
    return app.toBuilder()
        .id(appId)
        .components(List.of(web.toBuilder().image(image).build()))
        .build();
  }
}
