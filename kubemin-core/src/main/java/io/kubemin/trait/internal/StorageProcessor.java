package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.kubemin.model.StorageTrait;
import io.kubemin.model.Traits;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.TraitContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code storage}: volumes mounted into the container. {@code persistent} with {@code tmp_create}
 * is a volume claim template on a StatefulSet and a real PersistentVolumeClaim on a Deployment;
 * without it, the volume refers to an existing claim and no claim is rendered.
 */
final class StorageProcessor extends BuiltInTraitProcessor<List<StorageTrait>> {
  private static final String DEFAULT_SIZE = "1Gi";
  private static final int DEFAULT_MODE = 0644;

  StorageProcessor() {
    super("storage");
  }

  @Override
  protected List<StorageTrait> select(Traits traits) {
    return nonEmpty(traits.storage());
  }

  @Override
  protected void applySpec(TraitContext context, List<StorageTrait> storage) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < storage.size(); i++) {
      StorageTrait entry = storage.get(i);
      String path = "storage[" + i + "]";
      if (entry.name() == null || entry.name().isBlank()) {
        throw context.error(path + ".name", "is required");
      }
      String name = Naming.dnsLabel(entry.name(), "volume");
      if (seen.add(name)) {
        addVolume(context, path, name, entry);
        mount(context.container(), name, entry);
      }
    }
  }

  private void addVolume(TraitContext context, String path, String name, StorageTrait entry) {
    String type = entry.type() == null ? "" : entry.type().toLowerCase(Locale.ROOT);
    switch (type) {
      case "persistent" -> addPersistent(context, path, name, entry);
      case "ephemeral" ->
          context.addVolume(
              new VolumeBuilder().withName(name).withNewEmptyDir().endEmptyDir().build());
      case "config" ->
          context.addVolume(
              new VolumeBuilder()
                  .withName(name)
                  .withNewConfigMap()
                  .withName(sourceName(entry))
                  .withDefaultMode(DEFAULT_MODE)
                  .endConfigMap()
                  .build());
      case "secret" ->
          context.addVolume(
              new VolumeBuilder()
                  .withName(name)
                  .withNewSecret()
                  .withSecretName(sourceName(entry))
                  .withDefaultMode(DEFAULT_MODE)
                  .endSecret()
                  .build());
      case "host-mounted" ->
          throw context.error(
              path + ".type", "host-mounted storage is not supported: use persistent or ephemeral");
      default ->
          throw context.error(
              path + ".type",
              "'"
                  + entry.type()
                  + "' is not a storage type (persistent, ephemeral, config, secret)");
    }
  }

  private void addPersistent(TraitContext context, String path, String name, StorageTrait entry) {
    if (!entry.createsClaim()) {
      String claim =
          entry.claimName() == null || entry.claimName().isBlank() ? name : entry.claimName();
      context.addVolume(claimVolume(name, claim));
      return;
    }
    Quantity size =
        Quantities.parse(
            context, path + ".size", entry.size() == null ? DEFAULT_SIZE : entry.size());
    if (context.workloadKind() == JobKind.STATEFUL_SET) {
      PersistentVolumeClaim template = claim(context, name, size, entry.storageClass(), true);
      context.addVolumeClaimTemplate(template);
    } else if (context.addVolume(claimVolume(name, name))) {
      context.addObject(
          JobKind.PERSISTENT_VOLUME_CLAIM, claim(context, name, size, entry.storageClass(), false));
    }
  }

  private static PersistentVolumeClaim claim(
      TraitContext context, String name, Quantity size, String storageClass, boolean template) {
    Map<String, String> annotations =
        template ? Map.of(Labels.PVC_ROLE_ANNOTATION, "template") : Map.of();
    return new PersistentVolumeClaimBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(template ? null : context.namespace())
        .withLabels(context.labels())
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withAccessModes("ReadWriteOnce")
        .withStorageClassName(storageClass == null || storageClass.isBlank() ? null : storageClass)
        .withNewResources()
        .addToRequests("storage", size)
        .endResources()
        .endSpec()
        .build();
  }

  private static Volume claimVolume(String name, String claim) {
    return new VolumeBuilder()
        .withName(name)
        .withNewPersistentVolumeClaim()
        .withClaimName(claim)
        .endPersistentVolumeClaim()
        .build();
  }

  private static String sourceName(StorageTrait entry) {
    return entry.sourceName() == null || entry.sourceName().isBlank()
        ? entry.name()
        : entry.sourceName();
  }

  private static void mount(Container container, String name, StorageTrait entry) {
    String mountPath =
        entry.mountPath() == null || entry.mountPath().isBlank()
            ? "/mnt/" + name
            : entry.mountPath();
    boolean taken =
        container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(mountPath));
    if (taken) {
      return;
    }
    VolumeMount mount =
        new VolumeMountBuilder()
            .withName(name)
            .withMountPath(mountPath)
            .withSubPath(
                entry.subPath() == null || entry.subPath().isBlank() ? null : entry.subPath())
            .withReadOnly(Boolean.TRUE.equals(entry.readOnly()) ? Boolean.TRUE : null)
            .build();
    container.getVolumeMounts().add(mount);
  }
}
