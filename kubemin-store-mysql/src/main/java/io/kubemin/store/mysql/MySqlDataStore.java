package io.kubemin.store.mysql;

import io.kubemin.model.Component;
import io.kubemin.spi.ApplicationRecord;
import io.kubemin.spi.AppliedConfig;
import io.kubemin.spi.ComponentRecord;
import io.kubemin.spi.ComponentStatus;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreException;
import io.kubemin.spi.NewTask;
import io.kubemin.spi.RevisionRecord;
import io.kubemin.spi.TaskChange;
import io.kubemin.spi.TaskInsertion;
import io.kubemin.spi.TasksWithInputs;
import io.kubemin.spi.WorkflowRecord;
import io.kubemin.store.mysql.internal.ApplicationRows;
import io.kubemin.store.mysql.internal.ComponentRows;
import io.kubemin.store.mysql.internal.Dialects;
import io.kubemin.store.mysql.internal.HikariPools;
import io.kubemin.store.mysql.internal.JdbcUrls;
import io.kubemin.store.mysql.internal.JdbiSession;
import io.kubemin.store.mysql.internal.JobRows;
import io.kubemin.store.mysql.internal.LeaseRows;
import io.kubemin.store.mysql.internal.RevisionRows;
import io.kubemin.store.mysql.internal.SchemaMigrator;
import io.kubemin.store.mysql.internal.SqlFailures;
import io.kubemin.store.mysql.internal.SqlScript;
import io.kubemin.store.mysql.internal.SuspensionRows;
import io.kubemin.store.mysql.internal.TaskBatches;
import io.kubemin.store.mysql.internal.TaskRows;
import io.kubemin.store.mysql.internal.WorkflowRows;
import io.kubemin.workflow.JobRecord;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import io.kubemin.workflow.TaskSuspension;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.NoTemplateEngine;
import org.jdbi.v3.core.statement.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable {@link DataStore} on MySQL 8.0+, MariaDB 10.6+ or H2 2.x (MySQL mode), through Jdbi.
 * Opening a store detects the dialect and creates or migrates the schema. Every failure to reach
 * the database is a {@link DataStoreException} and leaves nothing half written; the engine retries.
 * Transactions run at READ COMMITTED. Thread-safe.
 */
public final class MySqlDataStore implements DataStore {
  private static final Logger log = LoggerFactory.getLogger(MySqlDataStore.class);

  private final JdbiSession session;
  private final SqlDialect dialect;
  private final boolean shared;
  private final SecretCipher cipher;
  private final boolean multiStatements;

  private MySqlDataStore(
      JdbiSession session,
      SqlDialect dialect,
      boolean shared,
      SecretCipher cipher,
      boolean multiStatements) {
    this.session = session;
    this.dialect = dialect;
    this.shared = shared;
    this.cipher = cipher;
    this.multiStatements = multiStatements;
  }

  /**
   * Opens a store on its own connection pool (HikariCP) with the default settings.
   *
   * @param jdbcUrl {@code jdbc:mariadb:…}, {@code jdbc:mysql:…} or {@code jdbc:h2:…}
   * @throws IllegalArgumentException for an unusable URL
   * @throws DataStoreException when the database cannot be reached or is not supported
   */
  public static MySqlDataStore open(String jdbcUrl) {
    return open(jdbcUrl, MySqlSettings.defaults());
  }

  /**
   * Opens a store on its own connection pool (HikariCP), which it closes on {@link #close()}. H2
   * URLs get {@code ;MODE=MySQL;DATABASE_TO_LOWER=TRUE} (and {@code ;DB_CLOSE_DELAY=-1} for memory
   * databases) unless they set them.
   *
   * @param jdbcUrl {@code jdbc:mariadb:…}, {@code jdbc:mysql:…} or {@code jdbc:h2:…}
   * @param settings credentials, pool and migration settings
   * @throws IllegalArgumentException for an unusable URL
   * @throws IllegalStateException when HikariCP or the driver is missing from the class path
   * @throws DataStoreException when the database cannot be reached or is not supported
   */
  public static MySqlDataStore open(String jdbcUrl, MySqlSettings settings) {
    Objects.requireNonNull(settings, "settings");
    String url = JdbcUrls.normalize(jdbcUrl);
    DataSource pool = HikariPools.create(url, settings);
    return open(pool, settings, (AutoCloseable) pool, JdbcUrls.mask(url));
  }

  /**
   * Opens a store on a host-provided {@link DataSource}, which it never closes. An H2 database must
   * run in MySQL mode.
   *
   * @throws DataStoreException when the database cannot be reached or is not supported
   */
  public static MySqlDataStore open(DataSource dataSource) {
    return open(dataSource, MySqlSettings.defaults());
  }

  /**
   * Opens a store on a host-provided {@link DataSource}, which it never closes; of the settings
   * only the migration ones apply.
   *
   * @throws DataStoreException when the database cannot be reached or is not supported
   */
  public static MySqlDataStore open(DataSource dataSource, MySqlSettings settings) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(settings, "settings");
    return open(dataSource, settings, null, "a host DataSource");
  }

  private static MySqlDataStore open(
      DataSource dataSource, MySqlSettings settings, AutoCloseable ownedPool, String where) {
    Jdbi jdbi = Jdbi.create(dataSource);
    // Our SQL has no <attribute> templates: skip Jdbi's template pass on every statement.
    jdbi.getConfig(SqlStatements.class).setTemplateEngine(new NoTemplateEngine());
    JdbiSession session = JdbiSession.of(jdbi, ownedPool);
    try {
      SqlDialect dialect = jdbi.withHandle(Dialects::detect);
      if (settings.migrate()) {
        SchemaMigrator.migrate(jdbi, dialect, settings.migrationLockTimeout());
      } else {
        SchemaMigrator.verify(jdbi);
      }
      log.info(
          "KubeMin store on {} at {} (schema version {}, {})",
          dialect.productName(),
          where,
          SchemaMigrator.latestVersion(),
          ownedPool == null ? "host pool" : settings);
      SecretCipher cipher = new SecretCipher(settings.secretKeys());
      if (cipher.encrypts()) {
        log.info(
            "Secret values of components are encrypted at rest (AES-GCM, current key '{}')",
            settings.secretKeys().currentKeyId());
      } else {
        log.warn(
            "Secret values of components are stored in plain text in min_app_components.spec:"
                + " give MySqlSettings.secretKeys(...) or {} to encrypt them (docs/store-mysql.md)",
            SecretKeys.ENVIRONMENT_VARIABLE);
      }
      boolean multiStatements = allowsMultiStatements(jdbi, dialect);
      // The store's own pool runs at READ COMMITTED, so a transaction needs no settings of its own.
      JdbiSession used =
          multiStatements && ownedPool != null ? session.withExplicitTransactions() : session;
      return new MySqlDataStore(used, dialect, isShared(jdbi, dialect), cipher, multiStatements);
    } catch (JdbiException e) {
      session.close();
      throw SqlFailures.translate("open the store at " + where, e);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  /**
   * Whether the server takes several statements in one round trip on these connections: the pools
   * the store creates ask for it ({@code allowMultiQueries}); a host pool may not, and then every
   * statement travels on its own.
   */
  private static boolean allowsMultiStatements(Jdbi jdbi, SqlDialect dialect) {
    if (dialect == SqlDialect.H2) {
      return false;
    }
    try {
      jdbi.useHandle(
          h ->
              new SqlScript()
                  .query("SELECT 1", List.of(), (rs, ctx) -> rs.getInt(1))
                  .query("SELECT 2", List.of(), (rs, ctx) -> rs.getInt(1))
                  .run(h));
      return true;
    } catch (JdbiException e) {
      log.info(
          "The store's connections do not allow multi-statement queries (allowMultiQueries):"
              + " each statement of a batch costs a round trip");
      return false;
    }
  }

  /** The database this store runs on. */
  public SqlDialect dialect() {
    return dialect;
  }

  /** MySQL and MariaDB are servers; H2 only in server mode ({@code jdbc:h2:tcp:}, {@code ssl:}). */
  private static boolean isShared(Jdbi jdbi, SqlDialect dialect) {
    if (dialect != SqlDialect.H2) {
      return true;
    }
    String url =
        jdbi.withHandle(
            h -> {
              try {
                return h.getConnection().getMetaData().getURL();
              } catch (java.sql.SQLException e) {
                return null;
              }
            });
    return url != null && (url.startsWith("jdbc:h2:tcp:") || url.startsWith("jdbc:h2:ssl:"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>True on MySQL and MariaDB, and on H2 in server mode: instances on this store elect one
   * leader through {@link #tryLease} unless the host gives a {@code LeaderElection}.
   */
  @Override
  public boolean shared() {
    return shared;
  }

  /**
   * Rewrites every stored component and application revision whose secret values are not all
   * encrypted with the current key (plain text from before keys were given, or a previous key after
   * a rotation), so that previous keys can be dropped afterwards. Each row is one short
   * transaction; safe to run while engines use the store.
   *
   * @return how many rows (components and revisions) were rewritten
   * @throws IllegalStateException when the store has no secret keys
   * @throws DataStoreException when the database cannot be reached, or a value cannot be decrypted
   *     with the keys given
   */
  public int reencryptSecrets() {
    if (!cipher.encrypts()) {
      throw new IllegalStateException("this store has no secret keys to encrypt with");
    }
    int rewritten = 0;
    for (var entry : session.call("list secrets", ComponentRows::specsWithSecrets).entrySet()) {
      if (cipher.needsReseal(entry.getValue())) {
        var resealed = cipher.seal(cipher.open(entry.getValue()));
        if (session.call(
            "re-encrypt component " + entry.getKey(),
            h -> ComponentRows.rewriteSpec(h, entry.getKey(), resealed))) {
          rewritten++;
        }
      }
    }
    int revisions = 0;
    for (var entry :
        session
            .call("list revisions with secrets", RevisionRows::componentsWithSecrets)
            .entrySet()) {
      List<Component> components = entry.getValue();
      if (components.stream().anyMatch(cipher::needsReseal)) {
        List<Component> resealed =
            components.stream()
                .map(c -> cipher.needsReseal(c) ? cipher.seal(cipher.open(c)) : c)
                .toList();
        String appId = entry.getKey().getKey();
        int number = entry.getKey().getValue();
        if (session.call(
            "re-encrypt revision " + number + " of " + appId,
            h -> RevisionRows.rewriteComponents(h, appId, number, resealed))) {
          revisions++;
        }
      }
    }
    log.info(
        "Re-encrypted the secret values of {} components and {} revisions", rewritten, revisions);
    return rewritten + revisions;
  }

  @Override
  public void insertRevision(RevisionRecord revision) {
    session.run(
        "insert revision " + revision.number() + " of " + revision.appId(),
        h -> RevisionRows.insert(h, revision, cipher::seal));
  }

  @Override
  public List<RevisionRecord> listRevisions(String appId) {
    return session.call(
        "list revisions of " + appId, h -> RevisionRows.list(h, appId, cipher::open));
  }

  @Override
  public List<Integer> revisionNumbers(String appId) {
    return session.call("list revision numbers of " + appId, h -> RevisionRows.numbers(h, appId));
  }

  @Override
  public Optional<RevisionRecord> findRevision(String appId, int number) {
    return session.call(
        "find revision " + number + " of " + appId,
        h -> RevisionRows.find(h, appId, number, cipher::open));
  }

  @Override
  public Optional<RevisionRecord> latestRevision(String appId) {
    return session.call(
        "find latest revision of " + appId, h -> RevisionRows.latest(h, appId, cipher::open));
  }

  @Override
  public void recordTaskRevision(String taskId, String appId) {
    session.atCommit(
        "record revision of task " + taskId, RevisionRows.recordTaskSql(taskId, appId));
  }

  @Override
  public Optional<Integer> findTaskRevision(String taskId) {
    return session.call("find revision of task " + taskId, h -> RevisionRows.ofTask(h, taskId));
  }

  @Override
  public void putSuspension(TaskSuspension suspension) {
    session.run(
        "put suspension of task " + suspension.taskId() + " at " + suspension.step(),
        h -> SuspensionRows.put(h, suspension));
  }

  @Override
  public List<TaskSuspension> listSuspensions(String taskId) {
    return session.call("list suspensions of task " + taskId, h -> SuspensionRows.list(h, taskId));
  }

  @Override
  public boolean resumeSuspension(String taskId, String step, String by, Instant at) {
    return session.call(
        "resume suspension of task " + taskId + " at " + step,
        h -> SuspensionRows.resume(h, taskId, step, by, at));
  }

  @Override
  public List<Task> listSuspendedToEnd(Instant now, int limit) {
    return session.call("list suspended tasks to end", h -> SuspensionRows.toEnd(h, now, limit));
  }

  @Override
  public boolean tryLease(String name, String holder, Instant now, Instant until) {
    try {
      return session.call("take lease " + name, h -> LeaseRows.take(h, name, holder, now, until));
    } catch (DataStoreException e) {
      if (e.getCause() instanceof JdbiException jdbi && SqlFailures.isDuplicateKey(jdbi)) {
        return false; // another instance inserted the row first
      }
      throw e;
    }
  }

  @Override
  public void releaseLease(String name, String holder) {
    session.run("release lease " + name, h -> LeaseRows.release(h, name, holder));
  }

  @Override
  public <T> T inTransaction(Function<DataStore, T> work) {
    return session.inTransaction(
        bound ->
            work.apply(
                bound == session
                    ? this
                    : new MySqlDataStore(bound, dialect, shared, cipher, multiStatements)));
  }

  @Override
  public void putApplication(ApplicationRecord application) {
    session.run("put application " + application.id(), h -> ApplicationRows.put(h, application));
  }

  @Override
  public Optional<ApplicationRecord> findApplication(String id) {
    return session.call("find application " + id, h -> ApplicationRows.find(h, id));
  }

  @Override
  public List<ApplicationRecord> listApplications() {
    return session.call("list applications", ApplicationRows::list);
  }

  @Override
  public List<ApplicationRecord> listApplications(int offset, int limit) {
    if (offset < 0 || limit < 1) {
      throw new IllegalArgumentException(
          "offset must be 0 or more and limit 1 or more, got " + offset + " and " + limit);
    }
    return session.call("list applications", h -> ApplicationRows.page(h, offset, limit));
  }

  @Override
  public int countApplications() {
    return session.call("count applications", ApplicationRows::count);
  }

  @Override
  public boolean deleteApplication(String id) {
    return session.atomically(
        "delete application " + id, h -> ApplicationRows.deleteWithEverything(h, id));
  }

  @Override
  public boolean lockApplication(String appId) {
    SqlScript lock =
        new SqlScript()
            .query(
                "SELECT id FROM min_applications WHERE id = ? FOR UPDATE",
                List.of(appId),
                (rs, ctx) -> rs.getString(1));
    return !session.script("lock application " + appId, lock).rows(0).isEmpty();
  }

  @Override
  public void putComponent(ComponentRecord component) {
    session.run(
        "put component " + component.id(), h -> ComponentRows.put(h, component, cipher::seal));
  }

  @Override
  public boolean deleteComponent(String id) {
    return session.call("delete component " + id, h -> ComponentRows.delete(h, id));
  }

  @Override
  public List<ComponentRecord> listComponents(String appId) {
    return session.call(
        "list components of " + appId, h -> ComponentRows.list(h, appId, cipher::open));
  }

  @Override
  public boolean updateComponentStatus(
      String componentId, ComponentStatus status, int readyReplicas, Instant now) {
    return session.call(
        "update status of component " + componentId,
        h -> ComponentRows.updateStatus(h, componentId, status, readyReplicas, now));
  }

  @Override
  public boolean markConfigApplied(String appId, String componentName, Instant now) {
    return session.call(
        "mark component " + componentName + " of " + appId + " applied",
        h -> ComponentRows.markConfigApplied(h, appId, componentName, now));
  }

  @Override
  public void putWorkflow(WorkflowRecord workflow) {
    session.run("put workflow " + workflow.id(), h -> WorkflowRows.put(h, workflow));
  }

  @Override
  public Optional<WorkflowRecord> findWorkflow(String id) {
    return session.call("find workflow " + id, h -> WorkflowRows.find(h, id));
  }

  @Override
  public List<WorkflowRecord> listWorkflows(String appId) {
    return session.call("list workflows of " + appId, h -> WorkflowRows.list(h, appId));
  }

  @Override
  public List<WorkflowRecord> listWorkflows(java.util.Collection<String> appIds) {
    if (appIds.isEmpty()) {
      return List.of();
    }
    return session.call(
        "list workflows of " + appIds.size() + " applications",
        h -> TaskBatches.listWorkflowsOfApplications(h, new java.util.LinkedHashSet<>(appIds)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>With a limit, the application's row in {@code min_app_locks} is locked while its active
   * tasks are counted, so concurrent inserts for one application are serialised.
   *
   * @throws IllegalArgumentException when a task with this id exists
   */
  @Override
  public boolean insertTask(Task task, int maxActivePerApp) {
    String operation = "insert task " + task.id();
    return inserting(
        "task " + task.id(),
        () -> {
          if (maxActivePerApp <= 0) {
            session.run(operation, h -> TaskRows.insert(h, task));
            return true;
          }
          if (multiStatements) {
            return session.atomically(
                operation, h -> TaskRows.insertWithinLimitInOneTrip(h, task, maxActivePerApp));
          }
          return session.atomically(
              operation, h -> TaskRows.insertWithinLimit(h, task, maxActivePerApp));
        });
  }

  /**
   * Runs an insert of tasks ({@code what} names them); a task with its id already stored is the
   * caller's error.
   */
  private static <T> T inserting(String what, java.util.function.Supplier<T> insert) {
    try {
      return insert.get();
    } catch (DataStoreException e) {
      if (e.getCause() instanceof JdbiException jdbi && SqlFailures.isDuplicateKey(jdbi)) {
        throw new IllegalArgumentException(what + " already exists", e);
      }
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>On MariaDB and MySQL connections that allow multi-statement queries, outside a transaction
   * of the caller's: one round trip, the whole transaction in one script.
   */
  @Override
  public TaskInsertion insertTaskOfApplication(Task task, int maxActivePerApp, String traceparent) {
    if (!multiStatements || session.bound()) {
      return DataStore.super.insertTaskOfApplication(task, maxActivePerApp, traceparent);
    }
    requireTraceparentWidth(traceparent);
    return inserting(
        "task " + task.id(),
        () ->
            session.call(
                "insert task " + task.id(),
                h -> TaskRows.insertOfApplicationInOneTrip(h, task, maxActivePerApp, traceparent)));
  }

  /**
   * {@inheritDoc}
   *
   * <p>On MariaDB and MySQL connections that allow multi-statement queries, outside a transaction
   * of the caller's: one round trip for the whole batch.
   */
  @Override
  public List<TaskInsertion> insertTasksOfApplications(List<NewTask> tasks) {
    if (!multiStatements || session.bound() || tasks.isEmpty()) {
      return DataStore.super.insertTasksOfApplications(tasks);
    }
    tasks.forEach(t -> requireTraceparentWidth(t.traceparent()));
    return inserting(
        "one of " + tasks.size() + " tasks",
        () ->
            session.call(
                "insert " + tasks.size() + " tasks",
                h -> TaskRows.insertOfApplicationsInOneTrip(h, tasks)));
  }

  @Override
  public Optional<Task> findTask(String id) {
    return session.call("find task " + id, h -> TaskRows.find(h, id));
  }

  @Override
  public List<Task> listTasks(String appId) {
    return session.call("list tasks of " + appId, h -> TaskRows.listOfApplication(h, appId));
  }

  @Override
  public List<Task> listActiveTasks(String appId) {
    return session.call(
        "list active tasks of " + appId, h -> TaskRows.listActiveOfApplication(h, appId));
  }

  @Override
  public List<Task> listTasksByStatus(TaskStatus status, int limit) {
    return session.call(
        "list " + status.jsonName() + " tasks", h -> TaskRows.listByStatus(h, status, limit));
  }

  @Override
  public int purgeEndedTasks(String appId, int keepLast, Instant endedBefore, int limit) {
    return session.atomically(
        "purge ended tasks of " + appId,
        h -> TaskRows.purgeEnded(h, appId, keepLast, endedBefore, limit));
  }

  @Override
  public List<Task> listExpiredLeases(Instant now, int limit) {
    return session.call("list expired leases", h -> TaskRows.listExpiredLeases(h, now, limit));
  }

  @Override
  public boolean compareAndSet(
      String taskId, TaskStatus expectedStatus, int expectedAttempt, Task next) {
    return session.call(
        "update task " + taskId,
        h -> TaskRows.compareAndSet(h, taskId, expectedStatus, expectedAttempt, next));
  }

  /**
   * {@inheritDoc}
   *
   * <p>The waiting tasks are walked in claim order, a window at a time, with one count of the
   * active tasks of the applications met per window, until {@code limit} qualify; then one
   * transaction locks and checks the candidates again, and one update claims them.
   */
  @Override
  public List<Task> claimWaiting(int limit, int maxActivePerApp, Instant now) {
    if (limit < 1) {
      return List.of();
    }
    // Most rounds find nothing: the candidates are looked for before a transaction is begun (the
    // claim locks and checks them again, as it would inside one).
    List<String> candidates =
        session.call(
            "find waiting tasks to claim", h -> TaskBatches.candidates(h, limit, maxActivePerApp));
    if (candidates.isEmpty()) {
      return List.of();
    }
    return session.atomically("claim waiting tasks", h -> TaskBatches.claim(h, candidates, now));
  }

  @Override
  public List<Task> findTasks(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return session.call("find " + ids.size() + " tasks", h -> TaskBatches.find(h, ids));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One round trip where the connections allow multi-statement queries (the pools the store
   * creates do).
   */
  @Override
  public TasksWithInputs findTasksWithInputs(Collection<String> ids) {
    if (!multiStatements || !TaskBatches.fitsOneScript(ids)) {
      return DataStore.super.findTasksWithInputs(ids);
    }
    return session.call(
        "find " + ids.size() + " tasks with their plans' inputs",
        h -> TaskBatches.findWithInputs(h, ids, cipher::open));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One round trip where the connections allow multi-statement queries (the pools the store
   * creates do): the update, which commits on its own, and the reads in one script.
   */
  @Override
  public TasksWithInputs startQueuedTasks(
      java.util.Map<String, Integer> attempts,
      String owner,
      Instant now,
      Instant leaseUntil,
      Instant deadlineIfNone) {
    if (!multiStatements || !TaskBatches.fitsOneScript(attempts.keySet())) {
      return DataStore.super.startQueuedTasks(attempts, owner, now, leaseUntil, deadlineIfNone);
    }
    return session.call(
        "start " + attempts.size() + " tasks",
        h ->
            TaskBatches.startQueued(
                h, attempts, owner, now, leaseUntil, deadlineIfNone, cipher::open));
  }

  @Override
  public void putTraceContext(String taskId, String traceparent) {
    requireTraceparentWidth(traceparent);
    session.run(
        "put the trace context of task " + taskId,
        h ->
            h.createUpdate("UPDATE min_workflow_queue SET trace_context = :context WHERE id = :id")
                .bind("context", traceparent)
                .bind("id", taskId)
                .execute());
  }

  private static void requireTraceparentWidth(String traceparent) {
    if (traceparent != null && traceparent.length() > 64) {
      throw new IllegalArgumentException(
          "traceparent must be at most 64 characters, got " + traceparent.length());
    }
  }

  @Override
  public java.util.Map<String, String> findTraceContexts(Collection<String> taskIds) {
    if (taskIds.isEmpty()) {
      return java.util.Map.of();
    }
    return session.call(
        "find the trace contexts of " + taskIds.size() + " tasks",
        h -> TaskBatches.traceContexts(h, taskIds));
  }

  @Override
  public List<ApplicationRecord> findApplications(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return session.call(
        "find " + ids.size() + " applications", h -> TaskBatches.findApplications(h, ids));
  }

  @Override
  public List<ComponentRecord> listComponents(Collection<String> appIds) {
    if (appIds.isEmpty()) {
      return List.of();
    }
    return session.call(
        "list components of " + appIds.size() + " applications",
        h -> TaskBatches.listComponents(h, appIds, cipher::open));
  }

  @Override
  public List<WorkflowRecord> findWorkflows(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return session.call(
        "find " + ids.size() + " workflows", h -> TaskBatches.findWorkflows(h, ids));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction: one multi-row insert of the job records and one JDBC batch of conditional
   * updates, so one commit for the whole batch.
   */
  @Override
  public List<Boolean> writeBatch(List<TaskChange> changes, List<JobRecord> jobs) {
    if (changes.isEmpty() && jobs.isEmpty()) {
      return List.of();
    }
    String operation =
        "write " + changes.size() + " task changes and " + jobs.size() + " job records";
    if ((jobs.isEmpty() && TaskBatches.oneStatement(changes))
        || (changes.isEmpty() && TaskBatches.oneStatement(jobs))) {
      // One statement (one conditional update, or one multi-row insert) is atomic on its own.
      return session.call(operation, h -> TaskBatches.write(h, changes, jobs));
    }
    if (dialect == SqlDialect.H2) {
      return session.atomically(operation, h -> TaskBatches.write(h, changes, jobs));
    }
    return writeInTransaction(operation, changes, jobs, List.of());
  }

  /**
   * MariaDB and MySQL: one script where the connections allow it, else an explicit transaction
   * inside autocommit mode (which spares the round trips of switching autocommit off and on).
   */
  private List<Boolean> writeInTransaction(
      String operation,
      List<TaskChange> changes,
      List<JobRecord> jobs,
      List<AppliedConfig> applied) {
    if (multiStatements) {
      return session.call(operation, h -> TaskBatches.writeScripted(h, changes, jobs, applied));
    }
    return session.call(operation, h -> TaskBatches.writeInTransaction(h, changes, jobs, applied));
  }

  /**
   * {@inheritDoc}
   *
   * <p>One transaction: the statements of {@link #writeBatch(List, List)} and one update marking
   * the applied components.
   */
  @Override
  public List<Boolean> writeBatch(
      List<TaskChange> changes, List<JobRecord> jobs, List<AppliedConfig> applied) {
    if (applied.isEmpty()) {
      return writeBatch(changes, jobs);
    }
    String operation =
        "write "
            + changes.size()
            + " task changes, "
            + jobs.size()
            + " job records and "
            + applied.size()
            + " applied components";
    if (changes.isEmpty() && jobs.isEmpty()) {
      session.run(operation, h -> ComponentRows.markConfigsApplied(h, applied));
      return List.of();
    }
    if (dialect == SqlDialect.H2) {
      return session.atomically(
          operation,
          h -> {
            List<Boolean> matched = TaskBatches.write(h, changes, jobs);
            ComponentRows.markConfigsApplied(h, applied);
            return matched;
          });
    }
    return writeInTransaction(operation, changes, jobs, applied);
  }

  /**
   * True on MariaDB and MySQL, where a batch costs one commit (one log flush) instead of one per
   * row; false on H2, whose embedded commits cost little, so the engine writes each change at once.
   */
  @Override
  public boolean prefersBatches() {
    return dialect != SqlDialect.H2;
  }

  @Override
  public boolean requestCancel(String taskId, String by, String reason, Instant now) {
    return session.call(
        "cancel task " + taskId, h -> TaskRows.requestCancel(h, taskId, by, reason, now));
  }

  @Override
  public void insertJob(JobRecord job) {
    session.run(
        "insert job " + job.name() + " of task " + job.taskId(), h -> JobRows.insert(h, job));
  }

  @Override
  public List<JobRecord> listJobs(String taskId) {
    return session.call("list jobs of task " + taskId, h -> JobRows.list(h, taskId));
  }

  @Override
  public void ping() {
    session.call("reach the database", h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
  }

  /**
   * Closes the connection pool the store created; a host-provided {@code DataSource} stays open.
   * The store of a transaction has nothing to close.
   */
  @Override
  public void close() {
    session.close();
  }
}
