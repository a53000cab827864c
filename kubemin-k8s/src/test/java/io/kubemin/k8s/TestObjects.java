package io.kubemin.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.kubemin.spi.Job;
import io.kubemin.spi.JobKind;
import java.util.LinkedHashMap;
import java.util.Map;

/** Hand-made rendered objects, labelled as the renderer labels them. */
final class TestObjects {
  static final String NS = "default";

  private TestObjects() {}

  static Map<String, String> labels(String appId, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kube-min-cli", appId + "-" + component);
    labels.put("kube-min-cli-appId", appId);
    labels.put("kube-min-cli-componentId", appId + "c" + component);
    labels.put("kube-min-cli-componentName", component);
    return labels;
  }

  static Job job(String appId, JobKind kind, HasMetadata object) {
    return new Job("task1", appId, "step", "comp", kind, object);
  }

  static Deployment deployment(String appId, String name, int replicas, String image) {
    return new DeploymentBuilder()
        .withMetadata(meta("deploy-" + name + "-" + appId, labels(appId, name)))
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(selector(appId, name))
        .endSelector()
        .withTemplate(pods(appId, name, image))
        .endSpec()
        .build();
  }

  static StatefulSet statefulSet(String appId, String name, int replicas, String image) {
    return new StatefulSetBuilder()
        .withMetadata(meta("store-" + name + "-" + appId, labels(appId, name)))
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName("svc-" + name)
        .withNewSelector()
        .withMatchLabels(selector(appId, name))
        .endSelector()
        .withTemplate(pods(appId, name, image))
        .endSpec()
        .build();
  }

  private static Map<String, String> selector(String appId, String name) {
    return Map.of("kube-min-cli-appId", appId, "kube-min-cli-componentName", name);
  }

  private static ObjectMeta meta(String name, Map<String, String> labels) {
    return new ObjectMetaBuilder().withName(name).withNamespace(NS).withLabels(labels).build();
  }

  private static PodTemplateSpec pods(String appId, String name, String image) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels(appId, name))
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName(name)
        .withImage(image)
        .addNewEnv()
        .withName("A")
        .withValue("1")
        .endEnv()
        .endContainer()
        .endSpec()
        .build();
  }

  static ConfigMap configMap(String appId, String name, Map<String, String> data) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(labels(appId, name))
        .endMetadata()
        .withData(data)
        .build();
  }

  static Secret secret(String appId, String name, Map<String, String> stringData) {
    return new SecretBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(labels(appId, name))
        .endMetadata()
        .withType("Opaque")
        .withStringData(stringData)
        .build();
  }

  static PersistentVolumeClaim claim(String appId, String name) {
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(labels(appId, name))
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withNewResources()
        .addToRequests("storage", new Quantity("1Gi"))
        .endResources()
        .endSpec()
        .build();
  }

  static Service service(String appId, String name) {
    return new ServiceBuilder()
        .withNewMetadata()
        .withName("svc-" + name + "-" + appId)
        .withNamespace(NS)
        .withLabels(labels(appId, name))
        .endMetadata()
        .withNewSpec()
        .withSelector(Map.of("kube-min-cli-appId", appId, "kube-min-cli-componentName", name))
        .addNewPort()
        .withName("p-80")
        .withPort(80)
        .endPort()
        .endSpec()
        .build();
  }

  static ServiceAccount serviceAccount(String appId, String name) {
    Map<String, String> labels = rbacLabels(appId, name);
    return new ServiceAccountBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NS)
        .withLabels(labels)
        .endMetadata()
        .build();
  }

  static ClusterRole clusterRole(String appId, String name) {
    return new ClusterRoleBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(rbacLabels(appId, name))
        .endMetadata()
        .addNewRule()
        .withApiGroups("")
        .withResources("pods")
        .withVerbs("get")
        .endRule()
        .build();
  }

  private static Map<String, String> rbacLabels(String appId, String component) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("kube-min-cli", appId);
    labels.put("kube-min-cli-appId", appId);
    labels.put("kube-min-cli-componentName", component);
    return labels;
  }

  static <T extends HasMetadata> T shared(T object, String shareName, String strategy) {
    object.getMetadata().getLabels().put("kubemin-share-name", shareName);
    object.getMetadata().getLabels().put("kubemin-share-strategy", strategy);
    return object;
  }
}
