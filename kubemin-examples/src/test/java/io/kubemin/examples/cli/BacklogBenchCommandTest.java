package io.kubemin.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BacklogBenchCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void backlogModeDrainsEveryTaskAndPrintsOneJsonObject() throws IOException {
    int exit = run("--backlog", "200", "--concurrency", "4", "--json", "--warmup", "0");

    assertThat(exit).as(err.toString()).isZero();
    JsonNode result = new ObjectMapper().readTree(out.toString());
    assertThat(result.get("backlog").asInt()).isEqualTo(200);
    assertThat(result.get("concurrency").asInt()).isEqualTo(4);
    assertThat(result.get("tasks_per_s").asLong()).isPositive();
    assertThat(result.get("execs_per_s").asLong()).isPositive();
    JsonNode latency = result.get("latency_ms");
    assertThat(latency.get("p50").asDouble())
        .isPositive()
        .isLessThanOrEqualTo(latency.get("p99").asDouble());
    assertThat(latency.get("p99").asDouble()).isLessThanOrEqualTo(latency.get("max").asDouble());
    // Server counters exist only on MariaDB/MySQL.
    assertThat(result.has("per_task")).isFalse();
    assertThat(result.fieldNames())
        .toIterable()
        .containsExactly(
            "backlog",
            "concurrency",
            "store",
            "queue",
            "execs_per_s",
            "drain_s",
            "tasks_per_s",
            "latency_ms",
            "cpu_ms_per_task",
            "load_avg",
            "warmup_s",
            "jit_ms");
    assertThat(result.get("cpu_ms_per_task").asDouble()).isPositive();
  }

  @Test
  void textOutputNamesTheDrainRate() {
    assertThat(run("--backlog", "50", "--concurrency", "2", "--warmup", "0")).isZero();

    assertThat(out.toString())
        .startsWith("backlog 50 (store memory, queue memory, concurrency 2): drain ")
        .contains("tasks/s", "p50", "p99", "max");
  }

  @Test
  void aBacklogBelowOneIsExitTwo() {
    assertThat(run("--backlog", "0")).isEqualTo(2);
    assertThat(run("--backlog", "10", "--warmup", "-1")).isEqualTo(2);
    assertThat(err.toString()).startsWith("kubemin: bench: ");
  }

  private int run(String... args) {
    return new CommandLine(new BenchCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }
}
