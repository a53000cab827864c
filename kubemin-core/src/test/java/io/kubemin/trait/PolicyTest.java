package io.kubemin.trait;

import static io.kubemin.render.RenderFixtures.APP_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubemin.KubeMin;
import io.kubemin.error.RenderException;
import io.kubemin.error.ValidationError;
import io.kubemin.model.Application;
import io.kubemin.render.RenderFixtures;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import io.kubemin.testing.RecordingJobExecutor;
import io.kubemin.validation.ValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyTest {
  private static final Application SHOP =
      RenderFixtures.app(
          """
          name: shop
          namespace: prod
          component:
            - name: web
              type: webservice
              image: nginx
              properties: {ports: [{port: 80}]}
              traits: {test_node_pool: {pool: gpu}}
            - name: db
              type: store
              image: mysql
            - name: settings
              type: config
              properties: {conf: {a: "1"}}
          """);

  /** Every workload gets the team label. */
  static final class TeamLabel implements Policy {
    @Override
    public String name() {
      return "team-label";
    }

    @Override
    public void apply(PolicyContext context) {
      context
          .workload()
          .ifPresent(
              workload -> {
                Map<String, String> labels =
                    new LinkedHashMap<>(workload.getMetadata().getLabels());
                labels.put("example.com/team", "payments");
                workload.getMetadata().setLabels(labels);
              });
    }
  }

  @Test
  void aPolicyLabelsEveryWorkloadWithoutBeingListed() {
    RenderedApplication rendered =
        Renderer.builder()
            .discoverTraitProcessors(false)
            .policy(new TeamLabel())
            .build()
            .render(SHOP, APP_ID);

    List<HasMetadata> workloads = new ArrayList<>(RenderFixtures.all(rendered, JobKind.DEPLOYMENT));
    workloads.addAll(RenderFixtures.all(rendered, JobKind.STATEFUL_SET));
    assertThat(workloads).hasSize(2);
    assertThat(workloads)
        .allSatisfy(
            w ->
                assertThat(w.getMetadata().getLabels())
                    .containsEntry("example.com/team", "payments"));
    assertThat(RenderFixtures.all(rendered, JobKind.SERVICE))
        .noneMatch(s -> s.getMetadata().getLabels().containsKey("example.com/team"));
    assertThat(RenderFixtures.all(rendered, JobKind.CONFIG_MAP))
        .noneMatch(c -> c.getMetadata().getLabels().containsKey("example.com/team"));
  }

  @Test
  void policiesRunAfterTheTraitsInRegistrationOrderAndSeeEveryObject() {
    List<String> seen = new ArrayList<>();
    Policy first = policy("first", c -> seen.add("first:" + kinds(c.objects())));
    Policy second =
        policy(
            "second",
            c -> {
              seen.add("second:" + kinds(c.objects()));
              c.addObject(
                  new ConfigMapBuilder()
                      .withNewMetadata()
                      .withName(c.component().name() + "-audit")
                      .endMetadata()
                      .build());
            });

    RenderedApplication rendered =
        Renderer.builder()
            .policy(first, second)
            .build()
            .render(
                RenderFixtures.oneComponent(
                    """
                  - name: web
                    type: webservice
                    image: nginx
                    traits: {test_node_pool: {pool: gpu}}
                """),
                APP_ID);

    assertThat(seen)
        .containsExactly("first:[Deployment, ConfigMap]", "second:[Deployment, ConfigMap]");
    assertThat(rendered.objects().stream().map(RenderedObject::name)).contains("web-audit");
    assertThat(rendered.objects().stream().filter(o -> o.name().equals("web-audit")))
        .allSatisfy(o -> assertThat(o.namespace()).isEqualTo("prod"));
  }

  @Test
  void aFailingPolicyNamesTheComponentAndThePolicy() {
    Policy broken =
        policy(
            "strict",
            c -> {
              throw c.error("every component needs an owner label");
            });

    assertThatThrownBy(
            () ->
                Renderer.builder()
                    .discoverTraitProcessors(false)
                    .policy(broken)
                    .build()
                    .render(SHOP, APP_ID))
        .isInstanceOf(RenderException.class)
        .satisfies(
            e -> {
              RenderException error = (RenderException) e;
              assertThat(error.component()).isEqualTo("web");
              assertThat(error.path()).isEqualTo("policies.strict");
              assertThat(error.problem()).isEqualTo("every component needs an owner label");
            });
  }

  @Test
  void createRefusesWhatAPolicyRefuses() {
    Policy strict =
        policy(
            "strict",
            c -> {
              if (c.component().name().equals("db")) {
                throw c.error("stores need an owner label");
              }
            });
    try (KubeMin kubemin =
        KubeMin.builder().jobExecutor(new RecordingJobExecutor()).policy(strict).build()) {
      assertThatThrownBy(() -> kubemin.createApplication(SHOP))
          .isInstanceOf(ValidationException.class)
          .satisfies(
              e ->
                  assertThat(((ValidationException) e).errors())
                      .extracting(ValidationError::field, ValidationError::message)
                      .containsExactly(
                          org.assertj.core.groups.Tuple.tuple(
                              "component[1].policies.strict", "stores need an owner label")));
    }
  }

  @Test
  void twoPoliciesWithOneNameAreRefused() {
    assertThatThrownBy(
            () -> Renderer.builder().policy(policy("p", c -> {}), policy("p", c -> {})).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("two registered policies named 'p'");
  }

  private static String kinds(List<RenderedObject> objects) {
    return objects.stream().map(o -> o.kind().kubernetesKind()).toList().toString();
  }

  private static Policy policy(String name, java.util.function.Consumer<PolicyContext> action) {
    return new Policy() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public void apply(PolicyContext context) {
        action.accept(context);
      }
    };
  }
}
