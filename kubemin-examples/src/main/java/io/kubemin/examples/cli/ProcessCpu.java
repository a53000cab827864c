package io.kubemin.examples.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * CPU time this JVM has used, all threads together. On a machine shared with other work a rate
 * varies from one minute to the next, while CPU per task stays put: the benchmarks report both.
 */
final class ProcessCpu {
  private ProcessCpu() {}

  /** Nanoseconds of CPU used by this process so far, or 0 where the JVM cannot tell. */
  static long nanos() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      return Math.max(0, hotspot.getProcessCpuTime());
    }
    return 0;
  }
}
