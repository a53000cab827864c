package io.kubemin.trait;

import static io.kubemin.render.RenderFixtures.APP_ID;
import static io.kubemin.render.RenderFixtures.oneComponent;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemin.model.Application;
import io.kubemin.render.RenderFixtures;
import io.kubemin.render.RenderedApplication;
import io.kubemin.render.Renderer;
import io.kubemin.spi.JobKind;
import io.kubemin.spi.RenderedObject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Traits that change the workload itself and read the objects rendered before them. */
class WholeObjectTraitTest {
  private static final Application WEB =
      oneComponent(
          """
            - name: web
              type: webservice
              image: nginx
              properties:
                ports: [{port: 8080}]
              traits:
                rollout: {max_surge: "50%"}
                tls: {host: shop.example.com}
          """);

  /** Sets the Deployment's strategy and annotates it. */
  static final class RolloutTrait implements TraitProcessor {
    @Override
    public String name() {
      return "rollout";
    }

    @Override
    public void apply(TraitContext context, JsonNode spec) {
      Deployment deployment = (Deployment) context.workload();
      deployment.getMetadata().setAnnotations(Map.of("example.com/rollout", "tuned"));
      deployment
          .getSpec()
          .setStrategy(
              new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder()
                  .withType("RollingUpdate")
                  .withNewRollingUpdate()
                  .withNewMaxSurge(spec.path("max_surge").asText())
                  .endRollingUpdate()
                  .build());
    }
  }

  /** Adds a cert-manager Certificate for the Service rendered before it. */
  static final class TlsTrait implements TraitProcessor {
    @Override
    public String name() {
      return "tls";
    }

    @Override
    public void apply(TraitContext context, JsonNode spec) {
      Service service =
          (Service)
              context.objects().stream()
                  .filter(o -> o.kind().equals(JobKind.SERVICE))
                  .map(RenderedObject::object)
                  .findFirst()
                  .orElseThrow(() -> context.error("host", "needs a component with ports"));
      String serviceName = service.getMetadata().getName();
      context.addObject(
          new GenericKubernetesResourceBuilder()
              .withApiVersion("cert-manager.io/v1")
              .withKind("Certificate")
              .withNewMetadata()
              .withName("tls-" + serviceName)
              .withLabels(context.labels())
              .endMetadata()
              .addToAdditionalProperties(
                  "spec",
                  Map.of(
                      "secretName",
                      "tls-" + serviceName,
                      "dnsNames",
                      List.of(spec.path("host").asText(), serviceName)))
              .build());
    }
  }

  @Test
  void aTraitChangesTheDeploymentItself() {
    RenderedApplication rendered = render(WEB);

    Deployment deployment = RenderFixtures.only(rendered, JobKind.DEPLOYMENT, Deployment.class);
    assertThat(deployment.getMetadata().getAnnotations())
        .containsEntry("example.com/rollout", "tuned");
    assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getStrVal())
        .isEqualTo("50%");
  }

  @Test
  void aTraitReadsTheServiceAndAddsACustomResourceAfterIt() {
    RenderedApplication rendered = render(WEB);

    List<RenderedObject> objects = rendered.objects();
    assertThat(objects.stream().map(o -> o.kind().kubernetesKind()))
        .containsExactly("Deployment", "Service", "Certificate");
    RenderedObject certificate = objects.get(2);
    assertThat(certificate.kind().name()).isEqualTo("cert-manager.io/v1/Certificate");
    assertThat(certificate.band()).isEqualTo(JobKind.BAND_WORKLOAD);
    assertThat(certificate.object()).isInstanceOf(GenericKubernetesResource.class);
    assertThat(certificate.namespace()).isEqualTo("prod");
    @SuppressWarnings("unchecked")
    Map<String, Object> spec =
        (Map<String, Object>)
            ((GenericKubernetesResource) certificate.object())
                .getAdditionalProperties()
                .get("spec");
    assertThat((List<Object>) spec.get("dnsNames"))
        .containsExactly("shop.example.com", objects.get(1).name());
  }

  @Test
  void aStatefulSetsClaimTemplatesAreStillSetAfterTheTraits() {
    Application store =
        oneComponent(
            """
              - name: db
                type: store
                image: mysql
                traits:
                  storage: [{name: data, type: persistent, tmp_create: true, size: 1Gi, mount_path: /data}]
                  peek: {}
            """);
    List<HasMetadata> seen = new java.util.ArrayList<>();
    TraitProcessor peek =
        new TraitProcessor() {
          @Override
          public String name() {
            return "peek";
          }

          @Override
          public void apply(TraitContext context, JsonNode spec) {
            seen.add(context.workload());
            assertThat(context.workloadKind()).isEqualTo(JobKind.STATEFUL_SET);
          }
        };

    RenderedApplication rendered =
        Renderer.builder()
            .discoverTraitProcessors(false)
            .traitProcessor(peek)
            .build()
            .render(store, APP_ID);

    StatefulSet set = RenderFixtures.only(rendered, JobKind.STATEFUL_SET, StatefulSet.class);
    assertThat(seen).containsExactly(set);
    assertThat(set.getSpec().getVolumeClaimTemplates()).hasSize(1);
  }

  private static RenderedApplication render(Application application) {
    return Renderer.builder()
        .discoverTraitProcessors(false)
        .traitProcessor(new RolloutTrait(), new TlsTrait())
        .build()
        .render(application, APP_ID);
  }
}
