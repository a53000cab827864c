package io.kubemin.trait;

/** Which container of the pod a trait is applied to. */
public enum ContainerRole {
  /** The component's own container; traits at the top level of the component apply here. */
  MAIN,
  /** An init container; its nested traits apply here (probes are ignored). */
  INIT,
  /** A sidecar container; its nested traits apply here. */
  SIDECAR
}
