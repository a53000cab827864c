package io.kubemin.store.mysql.internal;

import io.kubemin.spi.NewTask;
import io.kubemin.spi.TaskInsertion;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/** SQL for tasks ({@code min_workflow_queue}). */
public final class TaskRows {
  /**
   * The application's row lock, when it exists: an exec's insert takes only this one, so an insert
   * within a limit takes it as well as its lock row.
   */
  private static final String LOCK_APPLICATION_ROW =
      "SELECT id FROM min_applications WHERE id = ? FOR UPDATE";

  static final String COLUMNS =
      "id, app_id, workflow_id, workflow_name, status, attempt, owner, lease_until, deadline,"
          + " error, created_at, updated_at, started_at, finished_at, cancel_requested,"
          + " cancelled_by, cancel_reason";

  /** The columns an exec's insert writes: {@link #COLUMNS} and the trace context. */
  private static final List<String> INSERTED_COLUMNS =
      List.of((COLUMNS + ", trace_context").split(", "));

  /** How many columns {@link #COLUMNS} names. */
  static final int COLUMN_COUNT = COLUMNS.split(",").length;

  private static final String SELECT = "SELECT " + COLUMNS + " FROM min_workflow_queue ";
  private static final String ACTIVE_STATUSES =
      Arrays.stream(TaskStatus.values())
          .filter(TaskStatus::active)
          .map(status -> "'" + status.jsonName() + "'")
          .collect(Collectors.joining(", ", "(", ")"));
  private static final String ENDED_STATUSES =
      Arrays.stream(TaskStatus.values())
          .filter(TaskStatus::terminal)
          .map(status -> "'" + status.jsonName() + "'")
          .collect(Collectors.joining(", ", "(", ")"));
  private static final String INSERT =
      "INSERT INTO min_workflow_queue ("
          + COLUMNS
          + ") VALUES (:id, :app_id, :workflow_id, :workflow_name, :status, :attempt, :owner,"
          + " :lease_until, :deadline, :error, :created_at, :updated_at, :started_at, :finished_at,"
          + " :cancel_requested, :cancelled_by, :cancel_reason)";
  private static final String COMPARE_AND_SET =
      "UPDATE min_workflow_queue SET status = :status, attempt = :attempt, owner = :owner,"
          + " lease_until = :lease_until, deadline = :deadline, error = :error,"
          + " updated_at = :updated_at, started_at = :started_at, finished_at = :finished_at"
          + " WHERE id = :id AND status = :expected_status AND attempt = :expected_attempt";

  private TaskRows() {}

  /** Inserts a new task. */
  public static void insert(Handle handle, Task task) {
    handle
        .createUpdate(INSERT)
        .bind("id", task.id())
        .bind("app_id", task.appId())
        .bind("workflow_id", task.workflowId())
        .bind("workflow_name", task.workflowName())
        .bind("status", task.status().jsonName())
        .bind("attempt", task.attempt())
        .bind("owner", task.owner())
        .bind("lease_until", UtcInstants.text(task.leaseUntil()))
        .bind("deadline", UtcInstants.text(task.deadline()))
        .bind("error", task.error())
        .bind("created_at", UtcInstants.text(task.createdAt()))
        .bind("updated_at", UtcInstants.text(task.updatedAt()))
        .bind("started_at", UtcInstants.text(task.startedAt()))
        .bind("finished_at", UtcInstants.text(task.finishedAt()))
        .bind("cancel_requested", task.cancelRequested())
        .bind("cancelled_by", task.cancelledBy())
        .bind("cancel_reason", task.cancelReason())
        .execute();
  }

  /**
   * Inserts a new task unless its application has {@code maxActive} active tasks; call inside a
   * transaction. The application's lock row serialises concurrent inserts.
   */
  public static boolean insertWithinLimit(Handle handle, Task task, int maxActive) {
    handle.createQuery(LOCK_APPLICATION_ROW).bind(0, task.appId()).mapTo(String.class).findOne();
    AppLocks.lock(handle, task.appId());
    if (countActive(handle, task.appId()) >= maxActive) {
      return false;
    }
    insert(handle, task);
    return true;
  }

  /**
   * {@link #insertWithinLimit} in one round trip (a connection that allows multi-statement
   * queries): the lock row's upsert and an insert that selects the task's row only while the
   * application has fewer than {@code maxActive} active tasks; call inside a transaction.
   */
  public static boolean insertWithinLimitInOneTrip(Handle handle, Task task, int maxActive) {
    List<Object> values = new ArrayList<>(values(task));
    values.add(task.appId());
    values.add(maxActive);
    SqlScript.Outcomes outcomes =
        new SqlScript()
            .query(LOCK_APPLICATION_ROW, List.of(task.appId()), (rs, ctx) -> rs.getString(1))
            .update(AppLocks.lockSql(task.appId()))
            .update(
                "INSERT INTO min_workflow_queue ("
                    + COLUMNS
                    + ") SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM DUAL WHERE"
                    + " (SELECT COUNT(*) FROM min_workflow_queue WHERE app_id = ? AND status IN "
                    + ACTIVE_STATUSES
                    + ") < ?",
                values)
            .run(handle);
    return outcomes.count(2) == 1;
  }

  /**
   * An exec's transaction ({@code DataStore.insertTaskOfApplication}) as one script, in one round
   * trip: {@link #insertOfApplicationsInOneTrip} with one task.
   */
  public static TaskInsertion insertOfApplicationInOneTrip(
      Handle handle, Task task, int maxActive, String traceparent) {
    return insertOfApplicationsInOneTrip(handle, List.of(new NewTask(task, maxActive, traceparent)))
        .get(0);
  }

  /**
   * Many execs' transaction ({@code DataStore.insertTasksOfApplications}) as one script, in one
   * round trip: its start; the applications' rows locked in the order of their ids with one {@code
   * SELECT … FOR UPDATE} (which also tells which exist), so that two batches never wait for each
   * other in a cycle; the inserts, each task only where its application exists and, with a limit,
   * has fewer than that many active tasks (the tasks inserted before it in the script count), each
   * with the application's newest revision in its row; the commit. Whatever fails rolls the
   * transaction back.
   *
   * <p>Tasks of different applications with the same checks go in one multi-row insert: the server
   * parses and plans one statement for them all, which costs it a third of what one statement per
   * task did. A multi-row insert sees the table as it was before it, so an application's second
   * task goes in the next insert, after its first. A multi-row insert tells how many of its rows
   * went in, not which: when one inserted fewer than it carried, its tasks are read back after the
   * commit.
   *
   * <p>The application's row lock is what makes the limit hold: {@link #insertWithinLimit} takes it
   * too.
   *
   * @return what each insertion did, in the order given
   */
  public static List<TaskInsertion> insertOfApplicationsInOneTrip(
      Handle handle, List<NewTask> tasks) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing(i -> tasks.get(i).task().appId()));
    List<String> appIds = order.stream().map(i -> tasks.get(i).task().appId()).distinct().toList();
    SqlScript script =
        new SqlScript()
            .update("START TRANSACTION")
            .query(
                "SELECT id FROM min_applications WHERE id IN ("
                    + TaskBatches.placeholders(appIds.size())
                    + ") ORDER BY id FOR UPDATE",
                appIds,
                (rs, ctx) -> rs.getString(1));
    int[] insertAt = new int[tasks.size()];
    Map<Integer, Integer> rowsOfSharedInsert = new HashMap<>();
    for (List<Integer> group : insertGroups(tasks, order)) {
      if (group.size() == 1) {
        insertAt[group.get(0)] = script.size();
        addInsertOfApplication(script, tasks.get(group.get(0)));
        continue;
      }
      rowsOfSharedInsert.put(script.size(), group.size());
      for (int i : group) {
        insertAt[i] = script.size();
      }
      addInsertOfApplications(script, group.stream().map(tasks::get).toList());
    }
    script.update("COMMIT");
    SqlScript.Outcomes outcomes;
    try {
      outcomes = script.run(handle);
    } catch (RuntimeException e) {
      JdbiSession.rollback(handle);
      throw e;
    }
    Set<String> existing = new HashSet<>(outcomes.<String>rows(1));
    Set<String> refused =
        refusedByShortInserts(handle, tasks, insertAt, rowsOfSharedInsert, outcomes);
    List<TaskInsertion> insertions = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      Task task = tasks.get(i).task();
      boolean wentIn =
          rowsOfSharedInsert.containsKey(insertAt[i])
              ? !refused.contains(task.id())
              : outcomes.count(insertAt[i]) == 1;
      if (!existing.contains(task.appId())) {
        insertions.add(TaskInsertion.APPLICATION_MISSING);
      } else {
        insertions.add(wentIn ? TaskInsertion.INSERTED : TaskInsertion.LIMIT_REACHED);
      }
    }
    return insertions;
  }

  /**
   * The tasks that the multi-row inserts which took fewer rows than they carried refused, read
   * after the commit: a multi-row insert tells only how many of its rows went in, and they all do
   * unless a check refused one (a limit reached, an application or workflow changed), so reading
   * them back in every transaction cost each exec a query for a rare case. The tasks' ids are new,
   * so a row with one is the row this transaction inserted.
   */
  private static Set<String> refusedByShortInserts(
      Handle handle,
      List<NewTask> tasks,
      int[] insertAt,
      Map<Integer, Integer> rowsOfSharedInsert,
      SqlScript.Outcomes outcomes) {
    Set<String> unsure = new HashSet<>();
    for (int i = 0; i < tasks.size(); i++) {
      Integer rows = rowsOfSharedInsert.get(insertAt[i]);
      if (rows != null && outcomes.count(insertAt[i]) != rows) {
        unsure.add(tasks.get(i).task().id());
      }
    }
    if (unsure.isEmpty()) {
      return Set.of();
    }
    List<String> ids = List.copyOf(unsure);
    Query read =
        handle.createQuery(
            "SELECT id FROM min_workflow_queue WHERE id IN ("
                + TaskBatches.placeholders(ids.size())
                + ")");
    for (int i = 0; i < ids.size(); i++) {
      read.bind(i, ids.get(i));
    }
    read.mapTo(String.class).forEach(unsure::remove);
    return unsure;
  }

  /**
   * The tasks (indices into {@code tasks}, visited in {@code order}) grouped for multi-row inserts,
   * in the order the groups must run: an application's n-th task is in the n-th round, and within a
   * round the tasks that need the same checks share a group.
   */
  private static List<List<Integer>> insertGroups(List<NewTask> tasks, List<Integer> order) {
    Map<String, Integer> tasksOfApplication = new HashMap<>();
    Map<InsertGroup, List<Integer>> groups = new TreeMap<>(InsertGroup.ORDER);
    for (int i : order) {
      NewTask exec = tasks.get(i);
      int round = tasksOfApplication.merge(exec.task().appId(), 1, Integer::sum) - 1;
      InsertGroup group =
          new InsertGroup(
              round,
              exec.expectedApplicationUpdatedAt() != null,
              exec.maxActivePerApp() > 0,
              exec.expectedFirstWorkflow() != null);
      groups.computeIfAbsent(group, g -> new ArrayList<>()).add(i);
    }
    return new ArrayList<>(groups.values());
  }

  /** Tasks that can share one insert: the same round and the same checks. */
  private record InsertGroup(
      int round, boolean applicationHolds, boolean withinLimit, boolean firstWorkflowHolds) {
    /** Rounds in order: an application's earlier task goes in first. */
    static final Comparator<InsertGroup> ORDER =
        Comparator.comparingInt(InsertGroup::round)
            .thenComparing(InsertGroup::applicationHolds)
            .thenComparing(InsertGroup::withinLimit)
            .thenComparing(InsertGroup::firstWorkflowHolds);
  }

  /**
   * Adds one exec's insert: only where the application exists (with an expected {@code updatedAt},
   * unchanged) and is under its limit, and, with an expected first workflow, while that workflow is
   * unchanged and none of the application's is older.
   */
  private static void addInsertOfApplication(SqlScript script, NewTask exec) {
    Task task = exec.task();
    int maxActive = exec.maxActivePerApp();
    List<Object> values = new ArrayList<>(values(task));
    values.add(exec.traceparent());
    values.add(task.appId());
    String applicationHolds = "";
    if (exec.expectedApplicationUpdatedAt() != null) {
      applicationHolds = " AND updated_at = ?";
      values.add(UtcInstants.text(exec.expectedApplicationUpdatedAt()));
    }
    String withinLimit = "";
    if (maxActive > 0) {
      withinLimit =
          " AND (SELECT COUNT(*) FROM min_workflow_queue WHERE app_id = ? AND status IN "
              + ACTIVE_STATUSES
              + ") < ?";
      values.add(task.appId());
      values.add(maxActive);
    }
    WorkflowRecord first = exec.expectedFirstWorkflow();
    String firstHolds = "";
    if (first != null) {
      firstHolds =
          " AND EXISTS (SELECT 1 FROM min_workflows w WHERE w.id = ? AND w.app_id = ?"
              + " AND w.updated_at = ?) AND NOT EXISTS (SELECT 1 FROM min_workflows o"
              + " WHERE o.app_id = ? AND (o.created_at < ? OR (o.created_at = ? AND o.id < ?)))";
      values.add(first.id());
      values.add(task.appId());
      values.add(UtcInstants.text(first.updatedAt()));
      values.add(task.appId());
      values.add(UtcInstants.text(first.createdAt()));
      values.add(UtcInstants.text(first.createdAt()));
      values.add(first.id());
    }
    script.update(
        "INSERT INTO min_workflow_queue ("
            + COLUMNS
            + ", trace_context, revision) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, "
            + deployedRevision("min_applications.id")
            + " FROM min_applications WHERE id = ?"
            + applicationHolds
            + withinLimit
            + firstHolds,
        values);
  }

  /**
   * Adds the inserts of several execs of different applications that need the same checks as one
   * statement, with the checks of {@link #addInsertOfApplication} made on each row: the rows come
   * from a derived table that also carries each one's expected values.
   *
   * <p>A value every row shares (the status, the attempt, the empty columns, usually the limit) is
   * bound once outside the derived table: the server parses each literal of the statement, and the
   * derived table's rows held twice as many literals as they needed, a tenth of the insert's cost.
   */
  private static void addInsertOfApplications(SqlScript script, List<NewTask> execs) {
    NewTask shape = execs.get(0);
    boolean applicationHolds = shape.expectedApplicationUpdatedAt() != null;
    boolean withinLimit = shape.maxActivePerApp() > 0;
    boolean firstHolds = shape.expectedFirstWorkflow() != null;
    List<Map<String, Object>> rows = execs.stream().map(TaskRows::derivedRow).toList();
    // The join and each row's own values need the derived table; so does any column whose value
    // differs between rows. The task ids always differ, so it has at least one column.
    List<String> perRow = new ArrayList<>();
    for (String column : rows.get(0).keySet()) {
      if (column.equals("app_id")
          || rows.stream().map(row -> row.get(column)).distinct().count() > 1) {
        perRow.add(column);
      }
    }
    List<Object> bound = new ArrayList<>();
    Function<String, String> ref =
        column -> {
          if (perRow.contains(column)) {
            return "v." + column;
          }
          bound.add(rows.get(0).get(column));
          return "?";
        };
    StringBuilder sql =
        new StringBuilder("INSERT INTO min_workflow_queue (")
            .append(COLUMNS)
            .append(", trace_context, revision) SELECT ");
    for (String column : INSERTED_COLUMNS) {
      sql.append(ref.apply(column)).append(", ");
    }
    sql.append(deployedRevision("v.app_id"));
    sql.append(" FROM (SELECT ");
    sql.append(perRow.stream().map(column -> "? AS " + column).collect(Collectors.joining(", ")));
    sql.append(
        (" UNION ALL SELECT " + TaskBatches.placeholders(perRow.size())).repeat(execs.size() - 1));
    for (Map<String, Object> row : rows) {
      for (String column : perRow) {
        bound.add(row.get(column));
      }
    }
    sql.append(") v JOIN min_applications a ON a.id = v.app_id");
    if (applicationHolds) {
      sql.append(" AND a.updated_at = ").append(asTime(ref.apply("expected_app_updated_at")));
    }
    List<String> conditions = new ArrayList<>();
    if (withinLimit) {
      // One count per active status: with the derived table's app_id, only equality on both
      // columns of (app_id, status) is sure to be an index lookup; with "status IN (…)" the count
      // read every task the application ever had.
      conditions.add(
          Arrays.stream(TaskStatus.values())
                  .filter(TaskStatus::active)
                  .map(
                      status ->
                          "(SELECT COUNT(*) FROM min_workflow_queue c WHERE c.app_id = v.app_id"
                              + " AND c.status = '"
                              + status.jsonName()
                              + "')")
                  .collect(Collectors.joining(" + "))
              + " < "
              + ref.apply("max_active"));
    }
    if (firstHolds) {
      // Operands are evaluated left to right, the order in which their placeholders are bound.
      conditions.add(
          "EXISTS (SELECT 1 FROM min_workflows w WHERE w.id = "
              + ref.apply("workflow_id")
              + " AND w.app_id = v.app_id AND w.updated_at = "
              + asTime(ref.apply("expected_wf_updated_at"))
              + ")");
      conditions.add(
          "NOT EXISTS (SELECT 1 FROM min_workflows o WHERE o.app_id = v.app_id AND (o.created_at < "
              + asTime(ref.apply("expected_wf_created_at"))
              + " OR (o.created_at = "
              + asTime(ref.apply("expected_wf_created_at"))
              + " AND o.id < "
              + ref.apply("workflow_id")
              + ")))");
    }
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    script.update(sql.toString(), bound);
  }

  /**
   * One exec's row of the derived table, by column: the inserted columns, then the values its
   * checks expect (those a group's execs all have, as they share their checks).
   */
  private static Map<String, Object> derivedRow(NewTask exec) {
    Map<String, Object> row = new LinkedHashMap<>();
    List<Object> inserted = new ArrayList<>(values(exec.task()));
    inserted.add(exec.traceparent());
    for (int i = 0; i < INSERTED_COLUMNS.size(); i++) {
      row.put(INSERTED_COLUMNS.get(i), inserted.get(i));
    }
    if (exec.expectedApplicationUpdatedAt() != null) {
      row.put("expected_app_updated_at", UtcInstants.text(exec.expectedApplicationUpdatedAt()));
    }
    if (exec.maxActivePerApp() > 0) {
      row.put("max_active", exec.maxActivePerApp());
    }
    if (exec.expectedFirstWorkflow() != null) {
      row.put("expected_wf_updated_at", UtcInstants.text(exec.expectedFirstWorkflow().updatedAt()));
      row.put("expected_wf_created_at", UtcInstants.text(exec.expectedFirstWorkflow().createdAt()));
    }
    return row;
  }

  /** A time held as text in the derived table (or bound as text) compared as a time. */
  private static String asTime(String value) {
    return "CAST(" + value + " AS DATETIME(3))";
  }

  /**
   * The newest revision of the application whose id is in {@code appIdColumn}, which the task
   * deploys (NULL when it has none): the exec's insert writes it with the task, in one statement.
   */
  private static String deployedRevision(String appIdColumn) {
    return "(SELECT MAX(r.revision) FROM min_app_revisions r WHERE r.app_id = " + appIdColumn + ")";
  }

  /** The task's column values, in the order of {@link #COLUMNS}. */
  private static List<Object> values(Task task) {
    return java.util.Arrays.asList(
        task.id(),
        task.appId(),
        task.workflowId(),
        task.workflowName(),
        task.status().jsonName(),
        task.attempt(),
        task.owner(),
        UtcInstants.text(task.leaseUntil()),
        UtcInstants.text(task.deadline()),
        task.error(),
        UtcInstants.text(task.createdAt()),
        UtcInstants.text(task.updatedAt()),
        UtcInstants.text(task.startedAt()),
        UtcInstants.text(task.finishedAt()),
        task.cancelRequested(),
        task.cancelledBy(),
        task.cancelReason());
  }

  private static int countActive(Handle handle, String appId) {
    return handle
        .createQuery(
            "SELECT COUNT(*) FROM min_workflow_queue WHERE app_id = :app AND status IN "
                + ACTIVE_STATUSES)
        .bind("app", appId)
        .mapTo(Integer.class)
        .one();
  }

  /** By id. */
  public static Optional<Task> find(Handle handle, String id) {
    return handle
        .createQuery(SELECT + "WHERE id = :id")
        .bind("id", id)
        .map(TaskRows::map)
        .findOne();
  }

  /** The tasks of an application, newest first. */
  public static List<Task> listOfApplication(Handle handle, String appId) {
    return handle
        .createQuery(SELECT + "WHERE app_id = :app ORDER BY created_at DESC, id DESC")
        .bind("app", appId)
        .map(TaskRows::map)
        .list();
  }

  /** The tasks of an application that have not ended, oldest first. */
  public static List<Task> listActiveOfApplication(Handle handle, String appId) {
    return handle
        .createQuery(
            SELECT
                + "WHERE app_id = :app AND status IN "
                + ACTIVE_STATUSES
                + " ORDER BY created_at, id")
        .bind("app", appId)
        .map(TaskRows::map)
        .list();
  }

  /** Up to {@code limit} tasks in a status, oldest first. */
  public static List<Task> listByStatus(Handle handle, TaskStatus status, int limit) {
    return handle
        .createQuery(SELECT + "WHERE status = :status ORDER BY created_at, id LIMIT :limit")
        .bind("status", status.jsonName())
        .bind("limit", Math.max(0, limit))
        .map(TaskRows::map)
        .list();
  }

  /** Up to {@code limit} running tasks whose lease ended before {@code now}, oldest lease first. */
  public static List<Task> listExpiredLeases(Handle handle, Instant now, int limit) {
    return handle
        .createQuery(
            SELECT
                + "WHERE status = :status AND (lease_until IS NULL OR lease_until < :now)"
                + " ORDER BY lease_until, id LIMIT :limit")
        .bind("status", TaskStatus.RUNNING.jsonName())
        .bind("now", UtcInstants.text(now))
        .bind("limit", Math.max(0, limit))
        .map(TaskRows::map)
        .list();
  }

  /**
   * Deletes up to {@code limit} ended tasks of an application with their job records: those beyond
   * its newest {@code keepLast} ended ones and those that ended before {@code endedBefore}.
   */
  public static int purgeEnded(
      Handle handle, String appId, int keepLast, Instant endedBefore, int limit) {
    Set<String> ids = new LinkedHashSet<>();
    if (keepLast < Integer.MAX_VALUE) {
      ids.addAll(
          handle
              .createQuery(
                  "SELECT id FROM min_workflow_queue WHERE app_id = :app AND status IN "
                      + ENDED_STATUSES
                      + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :keep")
              .bind("app", appId)
              .bind("limit", Math.max(0, limit))
              .bind("keep", Math.max(0, keepLast))
              .mapTo(String.class)
              .list());
    }
    if (endedBefore != null && ids.size() < limit) {
      ids.addAll(
          handle
              .createQuery(
                  "SELECT id FROM min_workflow_queue WHERE app_id = :app AND status IN "
                      + ENDED_STATUSES
                      + " AND finished_at < :before ORDER BY finished_at, id LIMIT :limit")
              .bind("app", appId)
              .bind("before", UtcInstants.text(endedBefore))
              .bind("limit", Math.max(0, limit))
              .mapTo(String.class)
              .list());
    }
    List<String> batch = ids.stream().limit(Math.max(0, limit)).toList();
    if (batch.isEmpty()) {
      return 0;
    }
    String in =
        java.util.stream.IntStream.range(0, batch.size())
            .mapToObj(i -> ":id" + i)
            .collect(Collectors.joining(", ", "(", ")"));
    org.jdbi.v3.core.statement.Update jobs =
        handle.createUpdate("DELETE FROM min_job WHERE task_id IN " + in);
    org.jdbi.v3.core.statement.Update revisions =
        handle.createUpdate("DELETE FROM min_task_revisions WHERE task_id IN " + in);
    org.jdbi.v3.core.statement.Update suspensions =
        handle.createUpdate("DELETE FROM min_task_suspensions WHERE task_id IN " + in);
    org.jdbi.v3.core.statement.Update tasks =
        handle.createUpdate(
            "DELETE FROM min_workflow_queue WHERE id IN "
                + in
                + " AND status IN "
                + ENDED_STATUSES);
    for (int i = 0; i < batch.size(); i++) {
      jobs.bind("id" + i, batch.get(i));
      revisions.bind("id" + i, batch.get(i));
      suspensions.bind("id" + i, batch.get(i));
      tasks.bind("id" + i, batch.get(i));
    }
    jobs.execute();
    revisions.execute();
    suspensions.execute();
    return tasks.execute();
  }

  /** The conditional write on (id, status, attempt); whether it matched. */
  public static boolean compareAndSet(
      Handle handle, String taskId, TaskStatus expectedStatus, int expectedAttempt, Task next) {
    return handle
            .createUpdate(COMPARE_AND_SET)
            .bind("status", next.status().jsonName())
            .bind("attempt", next.attempt())
            .bind("owner", next.owner())
            .bind("lease_until", UtcInstants.text(next.leaseUntil()))
            .bind("deadline", UtcInstants.text(next.deadline()))
            .bind("error", next.error())
            .bind("updated_at", UtcInstants.text(next.updatedAt()))
            .bind("started_at", UtcInstants.text(next.startedAt()))
            .bind("finished_at", UtcInstants.text(next.finishedAt()))
            .bind("id", taskId)
            .bind("expected_status", expectedStatus.jsonName())
            .bind("expected_attempt", expectedAttempt)
            .execute()
        == 1;
  }

  /** Records a cancel request on a task that has not ended; whether it did. */
  public static boolean requestCancel(
      Handle handle, String taskId, String by, String reason, Instant now) {
    return handle
            .createUpdate(
                "UPDATE min_workflow_queue SET cancel_requested = TRUE, cancelled_by = :by,"
                    + " cancel_reason = :reason, updated_at = :now WHERE id = :id AND status IN "
                    + ACTIVE_STATUSES)
            .bind("by", by)
            .bind("reason", reason)
            .bind("now", UtcInstants.text(now))
            .bind("id", taskId)
            .execute()
        > 0;
  }

  /** Deletes every task of an application. */
  public static void deleteOfApplication(Handle handle, String appId) {
    handle
        .createUpdate("DELETE FROM min_workflow_queue WHERE app_id = :app")
        .bind("app", appId)
        .execute();
  }

  /**
   * Maps a row whose first columns are {@link #COLUMNS}, in their order (read by position: the
   * driver's lookup by name lower-cases the label on every call).
   */
  static Task map(ResultSet rs, StatementContext ctx) throws SQLException {
    return map(rs, 1);
  }

  /** Maps the {@link #COLUMNS} of a row that start at column {@code first}. */
  static Task map(ResultSet rs, int first) throws SQLException {
    int at = first - 1;
    return new Task(
        rs.getString(at + 1),
        rs.getString(at + 2),
        rs.getString(at + 3),
        rs.getString(at + 4),
        TaskStatus.fromJsonName(rs.getString(at + 5)),
        rs.getInt(at + 6),
        rs.getString(at + 7),
        UtcInstants.read(rs, at + 8),
        UtcInstants.read(rs, at + 9),
        rs.getString(at + 10),
        UtcInstants.read(rs, at + 11),
        UtcInstants.read(rs, at + 12),
        UtcInstants.read(rs, at + 13),
        UtcInstants.read(rs, at + 14),
        rs.getBoolean(at + 15),
        rs.getString(at + 16),
        rs.getString(at + 17));
  }
}
