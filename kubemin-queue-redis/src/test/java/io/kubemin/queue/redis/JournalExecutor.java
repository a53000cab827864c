package io.kubemin.queue.redis;

import io.kubemin.spi.Job;
import io.kubemin.spi.JobContext;
import io.kubemin.spi.JobExecutor;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.JobOutcome;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/** A slow executor that notes when each job starts and ends in the {@link Journal}. */
final class JournalExecutor implements JobExecutor {
  private final Journal journal;
  private final String instance;
  private final Duration jobTime;
  private final CountDownLatch gate;

  /**
   * @param gate jobs wait for it to open before they take their time
   */
  JournalExecutor(Journal journal, String instance, Duration jobTime, CountDownLatch gate) {
    this.journal = journal;
    this.instance = instance;
    this.jobTime = jobTime;
    this.gate = gate;
  }

  @Override
  public boolean supports(JobKind kind) {
    return true;
  }

  @Override
  public JobOutcome run(Job job, JobContext context) throws InterruptedException {
    journal.add(Journal.JOB_STARTED, job.taskId(), context.attempt(), instance);
    try {
      gate.await();
      // The job's own work takes this long (it stands for a rollout); nothing is awaited here.
      java.util.concurrent.TimeUnit.MILLISECONDS.sleep(jobTime.toMillis());
      return JobOutcome.completed();
    } finally {
      journal.add(Journal.JOB_ENDED, job.taskId(), context.attempt(), instance);
    }
  }
}
