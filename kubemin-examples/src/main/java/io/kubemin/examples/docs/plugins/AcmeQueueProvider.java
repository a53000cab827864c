package io.kubemin.examples.docs.plugins;

import io.kubemin.memory.InMemoryQueue;
import io.kubemin.spi.Queue;
import io.kubemin.spi.QueueProvider;
import java.util.Map;

/**
 * A queue provider of type {@code acmeq}: with the default claim it opens {@code acmeq} and {@code
 * acmeq:...} URIs. A real one connects to its broker; this sample hands out an in-memory queue.
 */
public final class AcmeQueueProvider implements QueueProvider {

  @Override
  public String type() {
    return "acmeq";
  }

  @Override
  public Queue create(Map<String, String> settings) {
    return new InMemoryQueue();
  }
}
