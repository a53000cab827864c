package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TaskBenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void withoutRenderItRunsTasksAndPrintsOneJsonObject() throws IOException {
    int exit = run("--tasks", "300", "--concurrency", "4", "--json", "--warmup", "0");

    assertThat(exit).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.get("tasks").asInt()).isEqualTo(300);
    assertThat(result.get("tasks_per_s").asLong()).isPositive();
    JsonNode latency = result.get("latency_ms");
    assertThat(latency.get("p50").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(latency.get("p99").asDouble());
    assertThat(latency.get("p99").asDouble()).isLessThanOrEqualTo(latency.get("max").asDouble());
    assertThat(result.get("store").asText()).isEqualTo("memory");
    assertThat(result.get("queue").asText()).isEqualTo("memory");
    assertThat(result.fieldNames())
        .toIterable()
        .containsExactly(
            "tasks",
            "tasks_per_s",
            "latency_ms",
            "store",
            "queue",
            "cpu_ms_per_task",
            "warmup_s",
            "jit_ms");
    assertThat(result.get("cpu_ms_per_task").asDouble()).isPositive();
    assertThat(result.get("jit_ms").asLong()).isNotNegative();
    assertThat(out.toString().lines()).hasSize(1);
  }

  @Test
  void textOutputNamesTheRateAndLatencies() {
    assertThat(run("--tasks", "50", "--concurrency", "2", "--warmup", "0")).isZero();

    assertThat(out.toString())
        .startsWith("tasks 50 (store memory, queue memory): ")
        .contains("tasks/s", "p50", "p99", "max");
  }

  @Test
  void severalInstancesShareTheWork() throws IOException {
    int exit =
        run("--tasks", "300", "--concurrency", "4", "--instances", "3", "--json", "--warmup", "0");

    assertThat(exit).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.get("tasks").asInt()).isEqualTo(300);
    assertThat(result.get("instances").asInt()).isEqualTo(3);
  }

  @Test
  void anUnknownStoreOrQueueOrABadCountIsExitTwo() {
    assertThat(run("--store", "postgres://db")).isEqualTo(2);
    assertThat(run("--queue", "nats://q")).isEqualTo(2);
    assertThat(run("--tasks", "0")).isEqualTo(2);
    assertThat(run("--instances", "0")).isEqualTo(2);
    assertThat(run("--tasks", "10", "--warmup", "-1")).isEqualTo(2);
    assertThat(err.toString().lines()).hasSize(5).allMatch(l -> l.startsWith("kubemin: bench: "));
  }

  private int run(String... args) {
    return new CommandLine(new BenchCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }
}
