package io.kubemin.queue.kafka.internal;

import java.util.TreeSet;

/**
 * Offsets of one partition that a consumer fetched and that are not acknowledged yet. The offset to
 * commit is the first of them, so an unacknowledged record is never skipped; with none outstanding
 * it is the offset after the last fetched record (gaps from compaction or transaction markers
 * included).
 */
final class PartitionProgress {
  private final TreeSet<Long> outstanding = new TreeSet<>();
  private long nextFetch = -1;
  private long committed = -1;

  void fetched(long offset) {
    if (nextFetch < 0) {
      // The first record fetched sits at the group's position: nothing before it needs a commit.
      committed = offset;
    }
    outstanding.add(offset);
    nextFetch = Math.max(nextFetch, offset + 1);
  }

  void acknowledged(long offset) {
    outstanding.remove(offset);
  }

  /** The offset to commit when it moved since the last commit, else -1. */
  long commitCandidate() {
    long frontier = outstanding.isEmpty() ? nextFetch : outstanding.first();
    return frontier > committed ? frontier : -1;
  }

  void committed(long offset) {
    committed = Math.max(committed, offset);
  }
}
