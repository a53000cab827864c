package io.kubemin;

import static org.awaitility.Awaitility.await;

import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.Port;
import io.kubemin.model.Properties;
import io.kubemin.model.Step;
import io.kubemin.workflow.Task;
import io.kubemin.workflow.TaskStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Applications and waits shared by the engine tests. */
final class TestApps {
  private TestApps() {}

  static Component web(String name) {
    return Component.builder().name(name).type("webservice").image("nginx:1.27").build();
  }

  static Component webWithPort(String name) {
    return web(name).toBuilder()
        .properties(Properties.builder().ports(List.of(Port.of(80))).build())
        .build();
  }

  static Component config(String name) {
    return Component.builder()
        .name(name)
        .type("config")
        .properties(Properties.builder().conf(Map.of("k", "v")).build())
        .build();
  }

  static Component secret(String name) {
    return Component.builder()
        .name(name)
        .type("secret")
        .properties(Properties.builder().secret(Map.of("k", "v")).build())
        .build();
  }

  static Application app(String name, List<Component> components, Step... steps) {
    return Application.builder().name(name).components(components).workflow(steps).build();
  }

  static Step step(String name, String mode, String... components) {
    return Step.builder().name(name).mode(mode).components(components).build();
  }

  /** Waits until the task has ended and returns it. */
  static Task awaitEnd(KubeMin kubemin, String taskId) {
    return awaitEnd(kubemin, taskId, Duration.ofSeconds(10));
  }

  static Task awaitEnd(KubeMin kubemin, String taskId, Duration atMost) {
    await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(5))
        .until(() -> kubemin.task(taskId).status().terminal());
    return kubemin.task(taskId);
  }

  static Task awaitStatus(KubeMin kubemin, String taskId, TaskStatus status) {
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(5))
        .until(() -> kubemin.task(taskId).status() == status);
    return kubemin.task(taskId);
  }
}
