package io.kubemin.trait;

import static io.kubemin.render.RenderFixtures.all;
import static io.kubemin.render.RenderFixtures.container;
import static io.kubemin.render.RenderFixtures.only;
import static io.kubemin.render.RenderFixtures.pod;
import static io.kubemin.render.RenderFixtures.renderOne;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubemin.error.RenderException;
import io.kubemin.render.Labels;
import io.kubemin.render.RenderedApplication;
import io.kubemin.spi.JobKind;
import org.junit.jupiter.api.Test;

class StorageTraitTest {

  @Test
  void createdClaimOnAStoreIsAVolumeClaimTemplate() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: db
                type: store
                image: mysql
                traits:
                  storage:
                    - {name: data, type: persistent, tmp_create: true, size: 5Gi,
                       storage_class: fast, mount_path: /var/lib/mysql}
            """);

    StatefulSet set = only(rendered, JobKind.STATEFUL_SET, StatefulSet.class);
    PersistentVolumeClaim template = set.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(template.getMetadata().getName()).isEqualTo("data");
    assertThat(template.getMetadata().getAnnotations())
        .containsEntry(Labels.PVC_ROLE_ANNOTATION, "template");
    assertThat(template.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("5Gi");
    assertThat(template.getSpec().getStorageClassName()).isEqualTo("fast");
    assertThat(template.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(pod(rendered).getVolumes()).isEmpty();
    assertThat(pod(rendered).getContainers().get(0).getVolumeMounts())
        .extracting(VolumeMount::getName, VolumeMount::getMountPath)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("data", "/var/lib/mysql"));
    assertThat(all(rendered, JobKind.PERSISTENT_VOLUME_CLAIM)).isEmpty();
  }

  @Test
  void createdClaimOnADeploymentIsARealClaimBackingThePodVolume() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: web
                type: webservice
                image: nginx
                traits:
                  storage: [{name: cache, type: persistent, tmp_create: true}]
            """);

    PersistentVolumeClaim claim =
        only(rendered, JobKind.PERSISTENT_VOLUME_CLAIM, PersistentVolumeClaim.class);
    Volume volume = pod(rendered).getVolumes().get(0);
    assertThat(claim.getMetadata().getName()).isEqualTo("cache");
    assertThat(claim.getMetadata().getNamespace()).isEqualTo("prod");
    assertThat(claim.getMetadata().getAnnotations()).isNullOrEmpty();
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("1Gi");
    assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("cache");
  }

  @Test
  void claimNameRefersToAnExistingClaimWithoutRenderingOne() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: web
                type: store
                image: nginx
                traits:
                  storage: [{name: shared, type: persistent, claim_name: existing-pvc}]
            """);

    Volume volume = pod(rendered).getVolumes().get(0);
    assertThat(volume.getName()).isEqualTo("shared");
    assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("existing-pvc");
    assertThat(all(rendered, JobKind.PERSISTENT_VOLUME_CLAIM)).isEmpty();
    assertThat(
            only(rendered, JobKind.STATEFUL_SET, StatefulSet.class)
                .getSpec()
                .getVolumeClaimTemplates())
        .isEmpty();
  }

  @Test
  void ephemeralConfigAndSecretVolumes() {
    PodSpec pod =
        pod(
            renderOne(
                """
                  - name: web
                    type: webservice
                    image: nginx
                    traits:
                      storage:
                        - {name: tmp, type: ephemeral}
                        - {name: conf, type: config, source_name: app-config, read_only: true,
                           mount_path: /etc/app}
                        - {name: creds, type: secret, sub_path: key}
                """));

    assertThat(pod.getVolumes().get(0).getEmptyDir()).isNotNull();
    assertThat(pod.getVolumes().get(1).getConfigMap().getName()).isEqualTo("app-config");
    assertThat(pod.getVolumes().get(1).getConfigMap().getDefaultMode()).isEqualTo(0644);
    assertThat(pod.getVolumes().get(2).getSecret().getSecretName()).isEqualTo("creds");
    var mounts = pod.getContainers().get(0).getVolumeMounts();
    assertThat(mounts.get(0).getMountPath()).isEqualTo("/mnt/tmp");
    assertThat(mounts.get(1).getReadOnly()).isTrue();
    assertThat(mounts.get(2).getSubPath()).isEqualTo("key");
  }

  @Test
  void hostMountedStorageIsAnError() {
    assertThatThrownBy(
            () ->
                renderOne(
                    """
                      - name: web
                        type: webservice
                        image: nginx
                        traits: {storage: [{name: logs, type: host-mounted, mount_path: /x}]}
                    """))
        .isInstanceOfSatisfying(
            RenderException.class,
            e -> {
              assertThat(e.component()).isEqualTo("web");
              assertThat(e.path()).isEqualTo("traits.storage[0].type");
              assertThat(e.problem()).contains("host-mounted");
            });
  }

  @Test
  void missingNameUnknownTypeAndBadSizeAreErrors() {
    assertThatThrownBy(() -> renderStorage("{type: ephemeral}"))
        .hasMessageContaining("traits.storage[0].name");
    assertThatThrownBy(() -> renderStorage("{name: a, type: nfs}"))
        .hasMessageContaining("traits.storage[0].type");
    assertThatThrownBy(
            () -> renderStorage("{name: a, type: persistent, tmp_create: true, size: lots}"))
        .hasMessageContaining("traits.storage[0].size")
        .hasMessageContaining("lots");
  }

  @Test
  void sameVolumeNameInSeveralContainersIsOneVolumeMountedTwice() {
    RenderedApplication rendered =
        renderOne(
            """
              - name: web
                type: webservice
                image: nginx
                traits:
                  storage: [{name: logs, type: ephemeral, mount_path: /logs}]
                  sidecar:
                    - name: shipper
                      image: fluentd
                      traits: {storage: [{name: logs, type: ephemeral, mount_path: /in}]}
            """);

    PodSpec pod = pod(rendered);
    assertThat(pod.getVolumes()).hasSize(1);
    assertThat(container(pod, "shipper").getVolumeMounts().get(0).getMountPath()).isEqualTo("/in");
  }

  private static RenderedApplication renderStorage(String entry) {
    return renderOne(
        "  - {name: web, type: webservice, image: nginx, traits: {storage: [" + entry + "]}}\n");
  }
}
