package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Told about every change the informers of one kind see. */
public interface ObjectListener {
  /** The object was added or changed (its latest state). */
  void changed(HasMetadata object);

  /** The object was deleted (its last known state). */
  void deleted(HasMetadata object);
}
