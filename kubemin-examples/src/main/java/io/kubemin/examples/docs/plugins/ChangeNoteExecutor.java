package io.kubemin.examples.docs.plugins;

import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Handles the {@code ChangeNote} kind (group {@code notes.example.com}) itself instead of applying
 * it to the cluster: it records the note, as a real executor would post it to a change log.
 * Registered before the Kubernetes executor, it takes these jobs; every other kind goes on.
 */
public final class ChangeNoteExecutor implements JobExecutor {
  /** The kind this executor handles. */
  public static final JobKind CHANGE_NOTE =
      JobKind.custom("notes.example.com", "v1", "ChangeNote", true, JobKind.BAND_EDGE);

  private final List<String> posted = new CopyOnWriteArrayList<>();

  @Override
  public boolean supports(JobKind kind) {
    return kind.equals(CHANGE_NOTE);
  }

  @Override
  public JobOutcome run(Job job, JobContext context) {
    posted.add(job.appId() + ": " + job.name());
    return JobOutcome.completed();
  }

  /** The notes posted so far. */
  public List<String> posted() {
    return List.copyOf(posted);
  }
}
