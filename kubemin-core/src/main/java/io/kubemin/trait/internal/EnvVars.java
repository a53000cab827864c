package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Environment variables from a map, sorted by name so renders are repeatable (upstream B38). */
public final class EnvVars {
  private EnvVars() {}

  /** One variable per entry, sorted by name; a mutable list. */
  public static List<EnvVar> sorted(Map<String, String> env) {
    List<EnvVar> vars = new ArrayList<>(env.size());
    new TreeMap<>(env).forEach((name, value) -> vars.add(new EnvVar(name, value, null)));
    return vars;
  }
}
