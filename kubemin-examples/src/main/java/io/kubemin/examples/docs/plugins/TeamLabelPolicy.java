package io.kubemin.examples.docs.plugins;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.trait.Policy;
import io.kubemin.trait.PolicyContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every workload of every application gets {@code example.com/team: platform}. */
public final class TeamLabelPolicy implements Policy {

  @Override
  public String name() {
    return "team-label";
  }

  @Override
  public void apply(PolicyContext context) {
    context.workload().ifPresent(TeamLabelPolicy::label);
  }

  private static void label(HasMetadata workload) {
    Map<String, String> labels = new LinkedHashMap<>(workload.getMetadata().getLabels());
    labels.put("example.com/team", "platform");
    workload.getMetadata().setLabels(labels);
  }
}
