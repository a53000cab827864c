package io.kubemin.store.mysql.internal;

import io.kubemin.spi.TaskChange;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * SQL for the engine's batched hot path: fair claiming of waiting tasks, reading many tasks at once
 * and writing many task changes and job records in one transaction.
 */
public final class TaskBatches {
  /** Ids per {@code IN (…)} list. */
  private static final int CHUNK = 500;

  private static final String TASK_COLUMNS_OF_Q = qualified("q", TaskRows.COLUMNS);
  private static final String APPLICATION_COLUMNS_OF_A = qualified("a", ApplicationRows.COLUMNS);
  private static final String COMPONENT_COLUMNS_OF_C = qualified("c", ComponentRows.COLUMNS);
  private static final String WORKFLOW_COLUMNS_OF_W = qualified("w", WorkflowRows.COLUMNS);

  /** Each application's components by ordinal, as {@code listComponents} returns them. */
  private static final java.util.Comparator<io.kubemin.spi.ComponentRecord> COMPONENT_ORDER =
      java.util.Comparator.comparing(io.kubemin.spi.ComponentRecord::appId)
          .thenComparingInt(io.kubemin.spi.ComponentRecord::ordinal)
          .thenComparing(io.kubemin.spi.ComponentRecord::id);

  private static final String WAITING = "'" + TaskStatus.WAITING.jsonName() + "'";

  /** Statuses that hold an application's place (a suspended task goes on after its resume). */
  private static final String STARTED =
      "('"
          + TaskStatus.QUEUED.jsonName()
          + "', '"
          + TaskStatus.RUNNING.jsonName()
          + "', '"
          + TaskStatus.SUSPENDED.jsonName()
          + "')";

  /**
   * One window of the waiting tasks in claim order ({@code created_at}, {@code id}), read along the
   * {@code (status, created_at, id)} index: the first window, and the next ones after the last task
   * of the one before.
   */
  private static final String FIRST_WAITING =
      "SELECT id, app_id, created_at FROM min_workflow_queue WHERE status = "
          + WAITING
          + " ORDER BY created_at, id LIMIT ?";

  private static final String NEXT_WAITING =
      "SELECT id, app_id, created_at FROM min_workflow_queue WHERE status = "
          + WAITING
          + " AND (created_at > ? OR (created_at = ? AND id > ?)) ORDER BY created_at, id LIMIT ?";

  /**
   * The most waiting tasks read per window. The first window holds as many as the round may claim
   * (all of them qualify unless applications are full); each further one twice as many as the one
   * before, up to this.
   */
  static final int MAX_WAITING_WINDOW = 1024;

  /**
   * Waiting tasks a round walks before it ranks them all in one query instead: past this, most of
   * them wait behind full applications, and one query over every waiting task (17 ms over 10,000 of
   * them) costs less than walking and counting them window by window (26 ms).
   */
  static final int MAX_WALKED = 2048;

  /**
   * Waiting tasks that may start, oldest first, ranked in one query: the n-th waiting task of an
   * application qualifies while n plus its application's queued, running and suspended tasks stays
   * within the limit.
   *
   * <p>The active tasks are counted once per application, in a derived table joined to the waiting
   * ones: with a count per waiting row instead (a dependent subquery), MariaDB sometimes planned it
   * as a scan of every active task for each waiting one, after its statistics were sampled while a
   * backlog was inserted, and one claim round took two seconds instead of a few milliseconds.
   */
  private static final String RANKED_CANDIDATES =
      "SELECT w.id FROM (SELECT id, app_id, created_at, ROW_NUMBER() OVER (PARTITION BY app_id"
          + " ORDER BY created_at, id) AS pos FROM min_workflow_queue WHERE status = "
          + WAITING
          + ") w LEFT JOIN (SELECT app_id, COUNT(*) AS active FROM min_workflow_queue"
          + " WHERE status IN "
          + STARTED
          + " GROUP BY app_id) a ON a.app_id = w.app_id"
          + " WHERE w.pos + COALESCE(a.active, 0) <= ? ORDER BY w.created_at, w.id LIMIT ?";

  private static final String OLDEST_CANDIDATES =
      "SELECT id FROM min_workflow_queue WHERE status = "
          + WAITING
          + " ORDER BY created_at, id LIMIT ?";

  private TaskBatches() {}

  /**
   * The ids of up to {@code limit} waiting tasks that may start, oldest first and fair across
   * applications (with {@code maxActive} 0 or less: oldest first only): the n-th waiting task of an
   * application qualifies while n plus its application's queued, running and suspended tasks stays
   * within {@code maxActive}.
   *
   * <p>The waiting tasks are walked in claim order, a window at a time (the first as large as
   * {@code limit}, then growing), until {@code limit} qualify or none are left; the active tasks of
   * the applications met are counted once, with one query per window. A round costs in proportion
   * to the tasks it walks: a query that ranked every waiting task in SQL ({@code ROW_NUMBER() OVER
   * (PARTITION BY app_id …)}, joined to a count of every active task) cost the server 34 ms per
   * round behind a backlog of 20,000 tasks, a third of the drain's server time. A round walks
   * further only past waiting tasks whose applications are full (tasks queued behind a running
   * one); past {@value #MAX_WALKED} of them it ranks them all in that one query.
   */
  public static List<String> candidates(Handle handle, int limit, int maxActive) {
    if (maxActive <= 0) {
      // The leader asks after every ended task: plain JDBC spares Jdbi's work per statement.
      return new SqlScript()
          .query(OLDEST_CANDIDATES, List.of(limit), (rs, ctx) -> rs.getString(1))
          .run(handle)
          .rows(0);
    }
    List<String> picked = new ArrayList<>();
    java.util.Map<String, Integer> waitingBefore = new java.util.HashMap<>();
    java.util.Map<String, Integer> active = new java.util.HashMap<>();
    WaitingTask last = null;
    int size = Math.min(Math.max(limit, 16), MAX_WAITING_WINDOW);
    int walked = 0;
    while (true) {
      if (walked >= MAX_WALKED) {
        return new SqlScript()
            .query(RANKED_CANDIDATES, List.of(maxActive, limit), (rs, ctx) -> rs.getString(1))
            .run(handle)
            .rows(0);
      }
      List<WaitingTask> window = waitingAfter(handle, last, size);
      countActive(handle, window, active);
      for (WaitingTask task : window) {
        int position = waitingBefore.merge(task.appId(), 1, Integer::sum);
        if (position + active.get(task.appId()) <= maxActive) {
          picked.add(task.id());
          if (picked.size() == limit) {
            return picked;
          }
        }
      }
      if (window.size() < size) {
        return picked;
      }
      walked += window.size();
      last = window.get(window.size() - 1);
      size = Math.min(size * 2, MAX_WAITING_WINDOW);
    }
  }

  /** A waiting task as the claim walks them. */
  private record WaitingTask(String id, String appId, String createdAt) {}

  private static List<WaitingTask> waitingAfter(Handle handle, WaitingTask last, int size) {
    SqlScript query =
        last == null
            ? new SqlScript().query(FIRST_WAITING, List.of(size), TaskBatches::waiting)
            : new SqlScript()
                .query(
                    NEXT_WAITING,
                    List.of(last.createdAt(), last.createdAt(), last.id(), size),
                    TaskBatches::waiting);
    return query.run(handle).rows(0);
  }

  private static WaitingTask waiting(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new WaitingTask(rs.getString(1), rs.getString(2), rs.getString(3));
  }

  /**
   * Counts the queued, running and suspended tasks of the window's applications not counted yet.
   * Both lists are literal, so the server reads the {@code (app_id, status)} index by each pair: a
   * count whose application came from a joined table read every task the application ever had.
   */
  private static void countActive(
      Handle handle, List<WaitingTask> window, java.util.Map<String, Integer> active) {
    List<String> uncounted = new ArrayList<>();
    for (WaitingTask task : window) {
      if (active.putIfAbsent(task.appId(), 0) == null) {
        uncounted.add(task.appId());
      }
    }
    if (uncounted.isEmpty()) {
      return;
    }
    new SqlScript()
        .query(
            "SELECT app_id, COUNT(*) FROM min_workflow_queue WHERE app_id IN ("
                + placeholders(uncounted.size())
                + ") AND status IN "
                + STARTED
                + " GROUP BY app_id",
            uncounted,
            (rs, ctx) -> {
              active.put(rs.getString(1), rs.getInt(2));
              return null;
            })
        .run(handle);
  }

  /**
   * Claims those of these tasks that are still waiting (waiting -> queued), oldest first; call
   * inside a transaction. The rows are locked and checked again before the one update, so a task
   * changed meanwhile is skipped.
   */
  public static List<Task> claim(Handle handle, List<String> ids, Instant now) {
    List<Task> locked =
        bindAll(
                handle.createQuery(
                    "SELECT "
                        + TaskRows.COLUMNS
                        + " FROM min_workflow_queue WHERE status = "
                        + WAITING
                        + " AND id IN ("
                        + placeholders(ids.size())
                        + ") ORDER BY id FOR UPDATE"),
                ids,
                0)
            .map(TaskRows::map)
            .list();
    if (locked.isEmpty()) {
      return List.of();
    }
    List<String> lockedIds = locked.stream().map(Task::id).toList();
    bindAll(
            handle
                .createUpdate(
                    "UPDATE min_workflow_queue SET status = '"
                        + TaskStatus.QUEUED.jsonName()
                        + "', updated_at = ? WHERE id IN ("
                        + placeholders(lockedIds.size())
                        + ")")
                .bind(0, UtcInstants.text(now)),
            lockedIds,
            1)
        .execute();
    List<Task> claimed = new ArrayList<>(locked.size());
    for (Task task : locked) {
      claimed.add(task.withStatus(TaskStatus.QUEUED, now));
    }
    claimed.sort(java.util.Comparator.comparing(Task::createdAt).thenComparing(Task::id));
    return claimed;
  }

  /** The tasks with these ids, in chunks of one statement each. */
  public static List<Task> find(Handle handle, Collection<String> ids) {
    return selectIn(
        handle,
        "SELECT " + TaskRows.COLUMNS + " FROM min_workflow_queue WHERE id IN (",
        ids,
        ")",
        TaskRows::map);
  }

  /** The stored trace contexts of these tasks, by task id (tasks without one left out). */
  public static java.util.Map<String, String> traceContexts(Handle handle, Collection<String> ids) {
    java.util.Map<String, String> found = new java.util.HashMap<>();
    selectIn(
            handle,
            "SELECT id, trace_context FROM min_workflow_queue WHERE trace_context IS NOT NULL"
                + " AND id IN (",
            ids,
            ")",
            (rs, ctx) -> java.util.Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(e -> found.put(e.getKey(), e.getValue()));
    return found;
  }

  /** The applications with these ids. */
  public static List<io.kubemin.spi.ApplicationRecord> findApplications(
      Handle handle, Collection<String> ids) {
    return selectIn(
        handle,
        "SELECT " + ApplicationRows.COLUMNS + " FROM min_applications WHERE id IN (",
        ids,
        ")",
        ApplicationRows::map);
  }

  /**
   * The components of these applications, each application's by ordinal, their specs turned by
   * {@code open}.
   */
  public static List<io.kubemin.spi.ComponentRecord> listComponents(
      Handle handle,
      Collection<String> appIds,
      java.util.function.UnaryOperator<io.kubemin.model.Component> open) {
    return selectIn(
            handle,
            "SELECT " + ComponentRows.COLUMNS + " FROM min_app_components WHERE app_id IN (",
            appIds,
            ") ORDER BY app_id, ordinal, id",
            ComponentRows::map)
        .stream()
        .map(c -> ComponentRows.opened(c, open))
        .toList();
  }

  /**
   * The tasks with these ids, their applications, those applications' components (specs turned by
   * {@code open}) and the tasks' workflows, in one round trip: two queries in one script, one
   * reading each task's row with its application and workflow, one the components. At most {@value
   * #CHUNK} ids.
   */
  public static io.kubemin.spi.TasksWithInputs findWithInputs(
      Handle handle,
      Collection<String> ids,
      java.util.function.UnaryOperator<io.kubemin.model.Component> open) {
    SqlScript script = new SqlScript();
    return inputsOf(addInputQueries(script, ids).run(handle), 0, open);
  }

  /**
   * {@link io.kubemin.spi.DataStore#startQueuedTasks} in one round trip: the conditional update,
   * committed on its own (the connection is in autocommit mode), then the queries of {@link
   * #findWithInputs}. At most {@value #CHUNK} tasks.
   *
   * <p>The reads need not share the update's transaction: a task reads as started here only if its
   * row, read after the update, is running under this owner and attempt, and its plan's inputs are
   * those stored when it starts. Two statements fewer than {@code START TRANSACTION} … {@code
   * COMMIT}: on the drain every statement of the script costs the server a parse and a reply.
   */
  public static io.kubemin.spi.TasksWithInputs startQueued(
      Handle handle,
      java.util.Map<String, Integer> attempts,
      String owner,
      Instant now,
      Instant leaseUntil,
      Instant deadlineIfNone,
      java.util.function.UnaryOperator<io.kubemin.model.Component> open) {
    List<Object> values = new ArrayList<>();
    values.add(owner);
    values.add(UtcInstants.text(leaseUntil));
    values.add(UtcInstants.text(now));
    values.add(UtcInstants.text(now));
    values.add(UtcInstants.text(deadlineIfNone));
    StringBuilder which = new StringBuilder();
    attempts.forEach(
        (id, attempt) -> {
          which.append(which.length() == 0 ? "" : " OR ").append("(id = ? AND attempt = ?)");
          values.add(id);
          values.add(attempt);
        });
    SqlScript script =
        new SqlScript()
            .update(
                "UPDATE min_workflow_queue SET status = '"
                    + TaskStatus.RUNNING.jsonName()
                    + "', owner = ?, lease_until = ?, updated_at = ?,"
                    + " started_at = COALESCE(started_at, ?), deadline = COALESCE(deadline, ?)"
                    + " WHERE status = '"
                    + TaskStatus.QUEUED.jsonName()
                    + "' AND cancel_requested = FALSE AND ("
                    + which
                    + ")",
                values);
    return inputsOf(addInputQueries(script, attempts.keySet()).run(handle), 1, open);
  }

  /**
   * Adds the two queries of {@link #findWithInputs} to the script. The inputs are joined to the
   * tasks' rows rather than selected {@code IN (SELECT …)}: MariaDB materialised each such subquery
   * in a temporary table (and sorted the components in another), which cost the server more than
   * the rows themselves in small batches. The application and the workflow join each task's row
   * (one statement for the three: each statement of a script costs the server a parse, a plan and a
   * reply, more than these rows); the components join in a second one, which repeats an
   * application's components for each of its tasks in the batch; {@link #inputsOf} keeps one of
   * each and orders them.
   */
  private static SqlScript addInputQueries(SqlScript script, Collection<String> ids) {
    List<Object> values = List.copyOf(ids);
    String inIds = " WHERE q.id IN (" + placeholders(ids.size()) + ")";
    return script
        .query(
            "SELECT "
                + TASK_COLUMNS_OF_Q
                + ", "
                + APPLICATION_COLUMNS_OF_A
                + ", "
                + WORKFLOW_COLUMNS_OF_W
                + " FROM min_workflow_queue q"
                + " LEFT JOIN min_applications a ON a.id = q.app_id"
                + " LEFT JOIN min_workflows w ON w.id = q.workflow_id"
                + inIds,
            values,
            TaskBatches::taskWithInputs)
        .query(
            "SELECT "
                + COMPONENT_COLUMNS_OF_C
                + " FROM min_workflow_queue q JOIN min_app_components c ON c.app_id = q.app_id"
                + inIds,
            values,
            ComponentRows::map);
  }

  /** A task's row with its application and workflow, each absent when not stored. */
  private record TaskRow(
      Task task,
      io.kubemin.spi.ApplicationRecord application,
      io.kubemin.spi.WorkflowRecord workflow) {}

  private static TaskRow taskWithInputs(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    int application = TaskRows.COLUMN_COUNT + 1;
    int workflow = application + ApplicationRows.COLUMN_COUNT;
    return new TaskRow(
        TaskRows.map(rs, 1),
        rs.getString(application) == null ? null : ApplicationRows.map(rs, application),
        rs.getString(workflow) == null ? null : WorkflowRows.map(rs, workflow));
  }

  /** What the queries of {@link #addInputQueries}, from the {@code first}-th statement, read. */
  private static io.kubemin.spi.TasksWithInputs inputsOf(
      SqlScript.Outcomes read,
      int first,
      java.util.function.UnaryOperator<io.kubemin.model.Component> open) {
    List<Task> tasks = new ArrayList<>();
    java.util.Map<String, io.kubemin.spi.ApplicationRecord> applications =
        new java.util.LinkedHashMap<>();
    java.util.Map<String, io.kubemin.spi.WorkflowRecord> workflows =
        new java.util.LinkedHashMap<>();
    for (TaskRow row : read.<TaskRow>rows(first)) {
      tasks.add(row.task());
      if (row.application() != null) {
        applications.putIfAbsent(row.application().id(), row.application());
      }
      if (row.workflow() != null) {
        workflows.putIfAbsent(row.workflow().id(), row.workflow());
      }
    }
    java.util.Map<String, io.kubemin.spi.ComponentRecord> components = new java.util.HashMap<>();
    for (io.kubemin.spi.ComponentRecord component :
        read.<io.kubemin.spi.ComponentRecord>rows(first + 1)) {
      components.putIfAbsent(component.id(), component);
    }
    List<io.kubemin.spi.ComponentRecord> ordered = new ArrayList<>(components.size());
    for (io.kubemin.spi.ComponentRecord component : components.values()) {
      ordered.add(ComponentRows.opened(component, open));
    }
    ordered.sort(COMPONENT_ORDER);
    return new io.kubemin.spi.TasksWithInputs(
        tasks, List.copyOf(applications.values()), ordered, List.copyOf(workflows.values()));
  }

  /** Whether {@link #findWithInputs} takes this many ids. */
  public static boolean fitsOneScript(Collection<String> ids) {
    return !ids.isEmpty() && ids.size() <= CHUNK;
  }

  /** The workflows with these ids. */
  public static List<io.kubemin.spi.WorkflowRecord> findWorkflows(
      Handle handle, Collection<String> ids) {
    return selectIn(
        handle,
        "SELECT " + WorkflowRows.COLUMNS + " FROM min_workflows WHERE id IN (",
        ids,
        ")",
        WorkflowRows::map);
  }

  /** The workflows of these applications, each application's oldest first. */
  public static List<io.kubemin.spi.WorkflowRecord> listWorkflowsOfApplications(
      Handle handle, Collection<String> appIds) {
    return selectIn(
        handle,
        "SELECT " + WorkflowRows.COLUMNS + " FROM min_workflows WHERE app_id IN (",
        appIds,
        ") ORDER BY app_id, created_at, id",
        WorkflowRows::map);
  }

  /** {@code before ?, ?, … after} for each chunk of the ids, one statement per chunk. */
  private static <T> List<T> selectIn(
      Handle handle,
      String before,
      Collection<String> ids,
      String after,
      org.jdbi.v3.core.mapper.RowMapper<T> mapper) {
    List<String> all = new ArrayList<>(ids);
    List<T> found = new ArrayList<>(all.size());
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
      found.addAll(
          bindAll(handle.createQuery(before + placeholders(chunk.size()) + after), chunk, 0)
              .map(mapper)
              .list());
    }
    return found;
  }

  /**
   * Appends the job records (one multi-row insert per chunk), then applies every change with its
   * own compare-and-set: one multi-row update per round of distinct tasks; call inside a
   * transaction.
   *
   * @return for each change, whether it matched
   */
  public static List<Boolean> write(Handle handle, List<TaskChange> changes, List<JobRecord> jobs) {
    for (int from = 0; from < jobs.size(); from += CHUNK) {
      JobRows.insertAll(handle, jobs.subList(from, Math.min(jobs.size(), from + CHUNK)));
    }
    Boolean[] matched = new Boolean[changes.size()];
    for (List<Integer> round : rounds(changes)) {
      List<TaskChange> roundChanges = round.stream().map(changes::get).toList();
      List<Boolean> outcome = writeRound(handle, roundChanges);
      for (int k = 0; k < round.size(); k++) {
        matched[round.get(k)] = outcome.get(k);
      }
    }
    return List.of(matched);
  }

  /**
   * The changes' indexes in rounds that each hold a task once (so two changes of one task apply in
   * their order) and fit one statement.
   */
  private static List<List<Integer>> rounds(List<TaskChange> changes) {
    List<List<Integer>> rounds = new ArrayList<>();
    List<Integer> left = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      left.add(i);
    }
    while (!left.isEmpty()) {
      java.util.Set<String> seen = new java.util.HashSet<>();
      List<Integer> round = new ArrayList<>();
      List<Integer> later = new ArrayList<>();
      for (int i : left) {
        if (round.size() < CHUNK / 2 && seen.add(changes.get(i).taskId())) {
          round.add(i);
        } else {
          later.add(i);
        }
      }
      rounds.add(round);
      left = later;
    }
    return rounds;
  }

  /** Whether {@link #write} writes these changes with one statement (distinct tasks, few). */
  public static boolean oneStatement(List<TaskChange> changes) {
    return changes.size() <= CHUNK / 2
        && changes.stream().map(TaskChange::taskId).distinct().count() == changes.size();
  }

  /** Whether {@link #write} appends these job records with one statement. */
  public static boolean oneStatement(java.util.Collection<JobRecord> jobs) {
    return jobs.size() <= CHUNK;
  }

  /**
   * {@link #write} and the marks of applied config and secret components between {@code START
   * TRANSACTION} and {@code COMMIT} on a connection in autocommit mode (MariaDB, MySQL); rolled
   * back when anything fails.
   */
  public static List<Boolean> writeInTransaction(
      Handle handle,
      List<TaskChange> changes,
      List<JobRecord> jobs,
      List<io.kubemin.spi.AppliedConfig> applied) {
    return JdbiSession.explicitly(
        handle,
        h -> {
          List<Boolean> matched = write(h, changes, jobs);
          ComponentRows.markConfigsApplied(h, applied);
          return matched;
        });
  }

  /**
   * {@link #writeInTransaction} as one script on a connection that allows multi-statement queries:
   * the transaction's start, job inserts, conditional updates, component marks and, when the
   * changes fit one update, the commit travel in one round trip. When a compare-and-set did not
   * match every row, the committed rows are told apart by reading them back (as after a
   * one-statement write); changes spread over several updates (a task changed twice) are committed
   * only after every update matched, and otherwise rolled back and written again statement by
   * statement. Conflicts are rare (a reaped lease, a cancel), so a batch costs one round trip.
   */
  public static List<Boolean> writeScripted(
      Handle handle,
      List<TaskChange> changes,
      List<JobRecord> jobs,
      List<io.kubemin.spi.AppliedConfig> applied) {
    SqlScript script = new SqlScript().update("START TRANSACTION");
    for (int from = 0; from < jobs.size(); from += CHUNK) {
      script.update(JobRows.insertAllSql(jobs.subList(from, Math.min(jobs.size(), from + CHUNK))));
    }
    List<List<Integer>> rounds = rounds(changes);
    int firstRound = script.size();
    for (List<Integer> round : rounds) {
      script.update(compareAndSetSql(round.stream().map(changes::get).toList()));
    }
    if (!applied.isEmpty()) {
      script.update(ComponentRows.markConfigsAppliedSql(applied));
    }
    boolean commitsItself = rounds.size() <= 1;
    if (commitsItself) {
      script.update("COMMIT");
    }
    boolean settled = false;
    boolean allMatched = true;
    try {
      SqlScript.Outcomes outcomes = script.run(handle);
      for (int r = 0; r < rounds.size(); r++) {
        allMatched &= outcomes.count(firstRound + r) == rounds.get(r).size();
      }
      if (commitsItself) {
        settled = true;
      } else if (allMatched) {
        handle.execute("COMMIT");
        settled = true;
      }
    } finally {
      if (!settled) {
        JdbiSession.rollback(handle);
      }
    }
    if (allMatched) {
      return java.util.Collections.nCopies(changes.size(), Boolean.TRUE);
    }
    // The only round is in changes' order.
    return commitsItself
        ? readBack(handle, changes)
        : writeInTransaction(handle, changes, jobs, applied);
  }

  /** Distinct tasks' changes in one conditional update; which matched, in order. */
  private static List<Boolean> writeRound(Handle handle, List<TaskChange> changes) {
    if (changes.size() == 1) {
      TaskChange change = changes.get(0);
      return List.of(
          TaskRows.compareAndSet(
              handle,
              change.taskId(),
              change.expectedStatus(),
              change.expectedAttempt(),
              change.next()));
    }
    int count = compareAndSetSql(changes).execute(handle);
    if (count == changes.size()) {
      return java.util.Collections.nCopies(changes.size(), Boolean.TRUE);
    }
    return readBack(handle, changes);
  }

  private static final List<String> CHANGED_COLUMNS =
      List.of(
          "status",
          "attempt",
          "owner",
          "lease_until",
          "deadline",
          "error",
          "updated_at",
          "started_at",
          "finished_at");

  /**
   * One update applying distinct tasks' changes, each under its own (status, attempt) check. A
   * column every change sets to the same value (most columns of a batch of completions) is set once
   * rather than by a {@code CASE}, which keeps the statement short for both the driver, which scans
   * its text for placeholders, and the server.
   */
  private static BoundSql compareAndSetSql(List<TaskChange> changes) {
    StringBuilder sql = new StringBuilder(64 + changes.size() * 64);
    sql.append("UPDATE min_workflow_queue SET ");
    List<Object> values = new ArrayList<>();
    Object[] row = new Object[changes.size()];
    for (int c = 0; c < CHANGED_COLUMNS.size(); c++) {
      sql.append(c == 0 ? "" : ", ").append(CHANGED_COLUMNS.get(c));
      boolean same = true;
      for (int i = 0; i < row.length; i++) {
        row[i] = column(changes.get(i).next(), c);
        same &= java.util.Objects.equals(row[i], row[0]);
      }
      if (same) {
        sql.append(" = ?");
        values.add(row[0]);
        continue;
      }
      sql.append(" = CASE id");
      for (int i = 0; i < row.length; i++) {
        sql.append(" WHEN ? THEN ?");
        values.add(changes.get(i).taskId());
        values.add(row[i]);
      }
      sql.append(" END");
    }
    sql.append(" WHERE ");
    for (int i = 0; i < changes.size(); i++) {
      TaskChange change = changes.get(i);
      sql.append(i == 0 ? "" : " OR ").append("(id = ? AND status = ? AND attempt = ?)");
      values.add(change.taskId());
      values.add(change.expectedStatus().jsonName());
      values.add(change.expectedAttempt());
    }
    return new BoundSql(sql.toString(), values);
  }

  /**
   * Which changes of a partly matched update were written: each row written holds exactly its
   * change's state (inside a transaction its row stays locked until the commit; after a
   * one-statement update only the reaper, past the lease, could change it meanwhile, and then the
   * change is reported as not written, which makes its task resume rather than run twice).
   */
  private static List<Boolean> readBack(Handle handle, List<TaskChange> changes) {
    java.util.Map<String, Task> now = new java.util.HashMap<>();
    find(handle, changes.stream().map(TaskChange::taskId).toList())
        .forEach(t -> now.put(t.id(), t));
    List<Boolean> matched = new ArrayList<>(changes.size());
    for (TaskChange change : changes) {
      Task row = now.get(change.taskId());
      Task next = change.next();
      matched.add(
          row != null
              && row.status() == next.status()
              && row.attempt() == next.attempt()
              && java.util.Objects.equals(row.owner(), next.owner())
              && java.util.Objects.equals(row.updatedAt(), next.updatedAt())
              && java.util.Objects.equals(row.leaseUntil(), next.leaseUntil())
              && java.util.Objects.equals(row.finishedAt(), next.finishedAt()));
    }
    return matched;
  }

  private static Object column(Task next, int column) {
    return switch (column) {
      case 0 -> next.status().jsonName();
      case 1 -> next.attempt();
      case 2 -> next.owner();
      case 3 -> UtcInstants.text(next.leaseUntil());
      case 4 -> UtcInstants.text(next.deadline());
      case 5 -> next.error();
      case 6 -> UtcInstants.text(next.updatedAt());
      case 7 -> UtcInstants.text(next.startedAt());
      default -> UtcInstants.text(next.finishedAt());
    };
  }

  /** {@code "id, name"} as {@code "a.id, a.name"}. */
  private static String qualified(String alias, String columns) {
    StringBuilder qualified = new StringBuilder();
    for (String column : columns.split(",")) {
      qualified
          .append(qualified.length() == 0 ? "" : ", ")
          .append(alias)
          .append('.')
          .append(column.trim());
    }
    return qualified.toString();
  }

  /** {@code count} comma-separated {@code ?} placeholders. */
  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  private static <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindAll(
      S statement, List<String> values, int offset) {
    for (int i = 0; i < values.size(); i++) {
      statement.bind(offset + i, values.get(i));
    }
    return statement;
  }
}
