package io.kubemin.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubemin.Ids;
import io.kubemin.spi.DataStore;
import io.kubemin.spi.DataStoreContract;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemoryDataStoreTest extends DataStoreContract {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  @Override
  protected DataStore newStore() {
    return new InMemoryDataStore();
  }

  @Test
  void theActiveTaskLimitCountsTasksAsTheyStartEndAndRollBack() {
    InMemoryDataStore store = new InMemoryDataStore();
    String appId = Ids.newId();
    Task first = Task.waiting(Ids.newId(), appId, "wf", "default", AT);
    assertThat(store.insertTask(first, 1)).isTrue();
    assertThat(store.insertTask(Task.waiting(Ids.newId(), appId, "wf", "default", AT), 1))
        .isFalse();
    assertThat(store.insertTask(Task.waiting(Ids.newId(), Ids.newId(), "wf", "default", AT), 1))
        .isTrue();

    Task ended = first.withStatus(TaskStatus.COMPLETED, AT.plusSeconds(1));
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.compareAndSet(first.id(), TaskStatus.WAITING, 1, ended);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(store.insertTask(Task.waiting(Ids.newId(), appId, "wf", "default", AT), 1))
        .isFalse();

    assertThat(store.compareAndSet(first.id(), TaskStatus.WAITING, 1, ended)).isTrue();
    Task next = Task.waiting(Ids.newId(), appId, "wf", "default", AT);
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.insertTask(next, 1);
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");
    assertThat(store.insertTask(next, 1)).isTrue();
    assertThat(store.listTasksByStatus(TaskStatus.COMPLETED, 10))
        .extracting(Task::id)
        .containsExactly(first.id());
  }
}
