package io.kubemin.internal.app;

import io.kubemin.model.Application;

/** Validates an application before anything is written; throws on the first invalid input. */
@FunctionalInterface
public interface ApplicationCheck {

  /** Throws a {@link io.kubemin.KubeMinException} (HTTP 400) listing what is invalid. */
  void check(Application app);
}
