package io.kubemin.examples.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import io.kubemin.model.Application;
import io.kubemin.model.Component;
import io.kubemin.model.ComponentChange;
import io.kubemin.model.Step;
import io.kubemin.model.VersionUpdate;
import io.kubemin.model.WorkflowRequest;
import java.util.Set;

/**
 * The console dialect's key names: camelCase (the Java names) for the API's bodies and the
 * application, component, step and version-update shapes; {@code tmp_enable} everywhere and {@code
 * workflow_id} of applications as the console reads and sends them. The payloads a component
 * carries ({@code properties}, {@code traits} and what they hold) keep the model's own snake_case
 * names in both dialects, so a console that sends back what it read loses nothing. Map keys (such
 * as environment variable names) are never renamed.
 */
final class ConsoleNaming extends PropertyNamingStrategy {
  private static final long serialVersionUID = 1L;

  private static final Set<Class<?>> CAMEL_MODEL =
      Set.of(
          Application.class,
          Component.class,
          ComponentChange.class,
          Step.class,
          VersionUpdate.class,
          WorkflowRequest.class);

  private static final PropertyNamingStrategies.NamingBase SNAKE =
      (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

  static String name(Class<?> owner, String javaName) {
    if (javaName.equals("tmpEnable")) {
      return "tmp_enable";
    }
    if (javaName.equals("workflowId") && owner == ApplicationJson.ApplicationBase.class) {
      return "workflow_id";
    }
    if (owner.getPackageName().startsWith("io.kubemin.model") && !CAMEL_MODEL.contains(owner)) {
      return SNAKE.translate(javaName);
    }
    return javaName;
  }

  private static String name(AnnotatedMember member, String javaName) {
    return name(member.getDeclaringClass(), javaName);
  }

  @Override
  public String nameForField(MapperConfig<?> config, AnnotatedField field, String defaultName) {
    return name(field, defaultName);
  }

  @Override
  public String nameForGetterMethod(
      MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
    return name(method, defaultName);
  }

  @Override
  public String nameForSetterMethod(
      MapperConfig<?> config, AnnotatedMethod method, String defaultName) {
    return name(method, defaultName);
  }

  @Override
  public String nameForConstructorParameter(
      MapperConfig<?> config, AnnotatedParameter parameter, String defaultName) {
    return name(parameter, defaultName);
  }
}
