package io.kubemin.examples.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubemin.ApplicationInfo;
import io.kubemin.DeletionResult;
import io.kubemin.VersionUpdateResult;
import io.kubemin.model.ModelCodec;
import io.kubemin.model.Properties;
import io.kubemin.spi.ComponentRecord;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The response bodies about applications, in the upstream's snake_case shapes. */
final class ApplicationJson {
  /** What a secret value reads as in responses: the API never gives stored secrets back. */
  static final String MASK = "***";

  private static final ObjectMapper TREES = new ObjectMapper();

  private ApplicationJson() {}

  /** The upstream's {@code ApplicationBase}; absent texts are empty strings, as in Go. */
  record ApplicationBase(
      String id,
      String name,
      String namespace,
      String alias,
      String project,
      String version,
      String description,
      String createTime,
      String updateTime,
      String icon,
      String workflowId,
      boolean tmpEnable) {}

  /**
   * The upstream's {@code ApplicationComponent} with the live {@code status}, {@code
   * ready_replicas}.
   */
  record ComponentView(
      String id,
      String appId,
      String name,
      String namespace,
      String image,
      int replicas,
      String type,
      Compact properties,
      Compact traits,
      String createTime,
      String updateTime,
      String status,
      int readyReplicas) {}

  /** What deleting cluster objects did; {@code failed_resources} only when some failed. */
  record Deletion(String appId, List<String> deletedResources, List<String> failedResources) {}

  /** The upstream's {@code UpdateVersionResponse}, plus the deletion of removed components. */
  record VersionUpdated(
      String appId,
      String version,
      String previousVersion,
      String strategy,
      String taskId,
      List<String> updatedComponents,
      List<String> addedComponents,
      List<String> removedComponents,
      List<String> deletedResources,
      List<String> failedResources) {}

  static ApplicationBase base(ApplicationInfo app) {
    return new ApplicationBase(
        app.id(),
        app.name(),
        app.namespace(),
        text(app.alias()),
        text(app.project()),
        app.version(),
        text(app.description()),
        time(app.createdAt()),
        time(app.updatedAt()),
        text(app.icon()),
        text(app.workflowId()),
        app.tmpEnable());
  }

  static ComponentView component(ComponentRecord component, String namespace) {
    return new ComponentView(
        component.id(),
        component.appId(),
        component.name(),
        namespace,
        text(component.spec().image()),
        component.spec().effectiveReplicas(),
        text(component.spec().type()),
        new Compact(masked(component.spec().properties())),
        new Compact(component.spec().traits()),
        time(component.createdAt()),
        time(component.updatedAt()),
        component.status().jsonName(),
        component.readyReplicas());
  }

  static Deletion deletion(DeletionResult result) {
    return new Deletion(
        result.appId(), result.deletedResources(), nullIfEmpty(result.failedResources()));
  }

  static VersionUpdated versionUpdated(VersionUpdateResult result) {
    DeletionResult deletion = result.deletion();
    return new VersionUpdated(
        result.appId(),
        result.version(),
        result.previousVersion(),
        result.strategy(),
        result.taskId(),
        result.updatedComponents(),
        result.addedComponents(),
        result.removedComponents(),
        deletion == null ? null : nullIfEmpty(deletion.deletedResources()),
        deletion == null ? null : nullIfEmpty(deletion.failedResources()));
  }

  static Properties masked(Properties properties) {
    if (properties.secret().isEmpty()) {
      return properties;
    }
    Map<String, String> secret = new LinkedHashMap<>();
    properties.secret().keySet().forEach(key -> secret.put(key, MASK));
    return new Properties(
        properties.image(),
        properties.ports(),
        properties.env(),
        properties.conf(),
        secret,
        properties.command(),
        properties.args(),
        properties.labels());
  }

  /** The model value as JSON without empty lists and objects, which the model fills in. */
  static JsonNode compact(Object model) {
    try {
      JsonNode tree = TREES.readTree(ModelCodec.json().write(model));
      prune(tree);
      return tree;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot re-read " + model.getClass().getSimpleName(), e);
    }
  }

  static void prune(JsonNode node) {
    for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
      JsonNode child = children.next();
      prune(child);
      if (child.isContainerNode() && child.isEmpty() && node.isObject()) {
        children.remove();
      }
    }
  }

  static String time(Instant instant) {
    return instant == null ? null : instant.toString();
  }

  static String text(String value) {
    return value == null ? "" : value;
  }

  static <T> List<T> nullIfEmpty(List<T> list) {
    return list.isEmpty() ? null : list;
  }
}
