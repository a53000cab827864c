package io.kubemin.examples.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.cfg.MapperConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedMethod;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;

/**
 * The console dialect's key names: camelCase (the Java names) for every property, the model's
 * included ({@code createTime}, {@code mountPath}, {@code envFrom}, {@code sourceName}, as the
 * console's forms build them), except {@code tmp_enable} everywhere and {@code workflow_id} of
 * applications, which the console reads and sends in snake_case. Names the model fixes explicitly
 * ({@code component}) stay; map keys (environment variable names, labels) are never renamed.
 */
final class ConsoleNaming extends PropertyNamingStrategy {
  private static final long serialVersionUID = 1L;

  static String name(Class<?> owner, String javaName) {
    if (javaName.equals("tmpEnable")) {
      return "tmp_enable";
    }
    if (javaName.equals("workflowId") && owner == ApplicationJson.ApplicationBase.class) {
      return "workflow_id";
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
