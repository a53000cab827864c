package io.kubemin.trait.internal;

import io.fabric8.kubernetes.api.model.ConfigMapVolumeSource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretVolumeSource;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import io.kubemin.model.StorageTrait;
import io.kubemin.model.Traits;
import io.kubemin.render.Labels;
import io.kubemin.render.Naming;
import io.kubemin.spi.JobKind;
import io.kubemin.trait.TraitContext;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
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
    Volume volume = new Volume();
    volume.setName(name);
    switch (type) {
      case "persistent" -> {
        addPersistent(context, path, name, entry);
        return;
      }
      case "ephemeral" -> volume.setEmptyDir(new EmptyDirVolumeSource());
      case "config" -> {
        ConfigMapVolumeSource source = new ConfigMapVolumeSource();
        source.setName(sourceName(entry));
        source.setDefaultMode(DEFAULT_MODE);
        volume.setConfigMap(source);
      }
      case "secret" -> {
        SecretVolumeSource source = new SecretVolumeSource();
        source.setSecretName(sourceName(entry));
        source.setDefaultMode(DEFAULT_MODE);
        volume.setSecret(source);
      }
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
    context.addVolume(volume);
  }

  private void addPersistent(TraitContext context, String path, String name, StorageTrait entry) {
    if (!entry.createsClaim()) {
      String claim = blank(entry.claimName()) ? name : entry.claimName();
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
    ObjectMeta meta = Metadata.of(name, template ? null : context.namespace(), context.labels());
    if (template) {
      meta.getAnnotations().put(Labels.PVC_ROLE_ANNOTATION, "template");
    }
    VolumeResourceRequirements resources = new VolumeResourceRequirements();
    resources.getRequests().put("storage", size);
    PersistentVolumeClaimSpec spec = new PersistentVolumeClaimSpec();
    spec.getAccessModes().add("ReadWriteOnce");
    spec.setStorageClassName(blank(storageClass) ? null : storageClass);
    spec.setResources(resources);
    PersistentVolumeClaim claim = new PersistentVolumeClaim();
    claim.setMetadata(meta);
    claim.setSpec(spec);
    return claim;
  }

  private static Volume claimVolume(String name, String claim) {
    Volume volume = new Volume();
    volume.setName(name);
    volume.setPersistentVolumeClaim(new PersistentVolumeClaimVolumeSource(claim, null));
    return volume;
  }

  private static String sourceName(StorageTrait entry) {
    return blank(entry.sourceName()) ? entry.name() : entry.sourceName();
  }

  private static void mount(Container container, String name, StorageTrait entry) {
    String mountPath = blank(entry.mountPath()) ? "/mnt/" + name : entry.mountPath();
    boolean taken =
        container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(mountPath));
    if (taken) {
      return;
    }
    VolumeMount mount = new VolumeMount();
    mount.setName(name);
    mount.setMountPath(mountPath);
    mount.setSubPath(blank(entry.subPath()) ? null : entry.subPath());
    mount.setReadOnly(Boolean.TRUE.equals(entry.readOnly()) ? Boolean.TRUE : null);
    container.getVolumeMounts().add(mount);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
