package io.kubemin.examples.docs;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * docs/job-executors.md: an executor that writes every object as a YAML file into a directory (a
 * GitOps checkout, say) instead of applying it to a cluster.
 *
 * <p>Idempotent: the same job writes the same file, so a retry or a second attempt after a crash
 * converges. It records the files it created, so a failed run removes them and never a file that
 * was there before.
 */
public final class DirectoryJobExecutor implements JobExecutor {
  private final Path directory;

  /** Writes into {@code directory}, which must exist. */
  public DirectoryJobExecutor(Path directory) {
    this.directory = directory;
  }

  @Override
  public boolean supports(JobKind kind) {
    return true; // every kind is a file here
  }

  @Override
  public JobOutcome run(Job job, JobContext context) throws InterruptedException {
    if (Thread.interrupted()) { // the deadline passed or the task was cancelled
      throw new InterruptedException("job " + job.describe() + " interrupted before writing");
    }
    Path file = fileOf(job.object());
    boolean existed = Files.exists(file);
    try {
      Path partial = Files.createTempFile(directory, ".kubemin-", ".yaml");
      Files.writeString(partial, Serialization.asYaml(job.object()), StandardCharsets.UTF_8);
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      return JobOutcome.failed("cannot write " + file.getFileName() + ": " + e.getMessage());
    }
    if (!existed) {
      context.created(job.object()); // cleanup may delete only what this run created
    }
    context.progress("written to " + file.getFileName());
    return JobOutcome.completed(); // a file is ready once written: nothing to wait for
  }

  @Override
  public void cleanup(Job job, JobContext context) {
    context.createdObjects().forEach(object -> deleteFile(fileOf(object)));
  }

  @Override
  public boolean delete(Job job) {
    return deleteFile(fileOf(job.object()));
  }

  private boolean deleteFile(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file.getFileName(), e);
    }
  }

  private Path fileOf(HasMetadata object) {
    String namespace = object.getMetadata().getNamespace();
    String name =
        (namespace == null ? "" : namespace + "_")
            + object.getKind()
            + "_"
            + object.getMetadata().getName()
            + ".yaml";
    return directory.resolve(name);
  }
}
