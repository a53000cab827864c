package io.kubemin.internal.plan;

import io.kubemin.model.Application;
import java.util.List;
import java.util.Map;

/** Turns an application into the objects to apply, in apply order. */
@FunctionalInterface
public interface ApplicationRenderer {

  /**
   * @param app the application
   * @param appId its stored id
   * @param componentIds stored component ids by component name (for object labels)
   */
  List<ObjectToApply> render(Application app, String appId, Map<String, String> componentIds);
}
