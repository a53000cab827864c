package io.kubemin.queue.kafka;

import java.io.IOException;
import java.io.InputStream;

/**
 * Runs the in-JVM test broker for measurements ({@code kubemin bench --queue kafka://…}): prints
 * {@code kafka://<bootstrap servers>} and serves until standard input closes or the process is
 * stopped.
 *
 * <pre>{@code
 * mvn -q -pl kubemin-queue-kafka dependency:build-classpath -Dmdep.includeScope=test \
 *     -Dmdep.outputFile=/tmp/kafka-cp.txt
 * java -cp kubemin-queue-kafka/target/test-classes:kubemin-queue-kafka/target/classes:$(cat /tmp/kafka-cp.txt) \
 *     io.kubemin.queue.kafka.KafkaBrokerMain
 * }</pre>
 */
public final class KafkaBrokerMain {
  private KafkaBrokerMain() {}

  /** Starts the broker and serves until stdin closes. */
  public static void main(String[] args) throws Exception {
    KafkaBroker broker = KafkaBroker.start();
    Thread onSignal = new Thread(() -> stop(broker));
    Runtime.getRuntime().addShutdownHook(onSignal);
    System.out.println("kafka://" + broker.bootstrapServers());
    System.out.flush();
    drain(System.in);
    Runtime.getRuntime().removeShutdownHook(onSignal);
    stop(broker);
  }

  private static void drain(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // Serve until the caller closes our input.
    }
  }

  private static void stop(KafkaBroker broker) {
    try {
      broker.close();
    } catch (Exception e) {
      System.err.println("stopping the broker: " + e);
    }
  }
}
