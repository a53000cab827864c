package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.kubemin.spi.JobKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one client: one per kind (per namespace when namespaces are configured), with
 * the label selector {@code kube-min-cli-appId}, started on first use. They serve as the cache the
 * executors read instead of the API server, feed the readiness waiters and the status listeners.
 * Shared through {@link SharedInformers}.
 */
public final class InformerSet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InformerSet.class);
  private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
  private static final String DEFAULT_CLASS_ANNOTATION =
      "storageclass.kubernetes.io/is-default-class";

  private final KubernetesClient client;
  private final Set<String> namespaces;
  private final Map<Scope, SharedIndexInformer<? extends HasMetadata>> informers =
      new ConcurrentHashMap<>();
  private final Map<JobKind, List<ObjectListener>> listeners = new ConcurrentHashMap<>();
  private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
  private volatile SharedIndexInformer<StorageClass> storageClasses;
  private volatile boolean storageClassesUnavailable;

  private record Scope(JobKind kind, String namespace) {}

  /**
   * @param client the client (not closed by this set)
   * @param namespaces the namespaces to watch one by one; empty watches all namespaces at once
   */
  public InformerSet(KubernetesClient client, Set<String> namespaces) {
    this.client = client;
    this.namespaces = Set.copyOf(namespaces);
  }

  /**
   * The cached object, or null when the informer has not seen it (it may still exist unlabelled).
   */
  public HasMetadata cached(JobKind kind, String namespace, String name)
      throws InterruptedException {
    return informer(scope(kind, namespace)).getStore().getByKey(Kinds.storeKey(namespace, name));
  }

  /** The cached objects of a kind in a namespace (every namespace when null). */
  public List<HasMetadata> cachedList(JobKind kind, String namespace) throws InterruptedException {
    List<HasMetadata> objects = new ArrayList<>();
    if (namespace != null || kind.clusterScoped() || namespaces.isEmpty()) {
      objects.addAll(informer(scope(kind, namespace)).getStore().list());
      return objects.stream()
          .filter(o -> namespace == null || namespace.equals(o.getMetadata().getNamespace()))
          .toList();
    }
    for (String each : namespaces) {
      objects.addAll(informer(new Scope(kind, each)).getStore().list());
    }
    return objects;
  }

  /**
   * Tells the listener about every object of the kind now cached and every later change, in every
   * watched namespace.
   */
  public void watch(JobKind kind, ObjectListener listener) throws InterruptedException {
    listeners.computeIfAbsent(kind, k -> new CopyOnWriteArrayList<>()).add(listener);
    List<Scope> scopes =
        namespaces.isEmpty()
            ? List.of(new Scope(kind, null))
            : namespaces.stream().map(ns -> new Scope(kind, ns)).toList();
    for (Scope scope : scopes) {
      informer(scope).getStore().list().forEach(listener::changed);
    }
  }

  /** Stops telling the listener. */
  public void unwatch(JobKind kind, ObjectListener listener) {
    listeners.getOrDefault(kind, List.of()).remove(listener);
  }

  /**
   * Waits until the judge settles on the object's state, re-judging on every change the informer
   * sees (no polling); an object already ready in the cache settles at once.
   *
   * @throws TimeoutException when the timeout passes first
   * @throws InterruptedException when the thread is interrupted
   */
  public Verdict await(
      JobKind kind,
      String namespace,
      String name,
      Function<HasMetadata, Verdict> judge,
      Duration timeout,
      Consumer<String> progress)
      throws InterruptedException, TimeoutException {
    String key = Kinds.key(kind, namespace, name);
    Waiter waiter = new Waiter(judge, progress);
    waiters.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(waiter);
    try {
      waiter.observe(cached(kind, namespace, name));
      return waiter.await(timeout);
    } catch (TimeoutException e) {
      String last = waiter.lastMessage();
      throw new TimeoutException(last == null ? "not ready" : last);
    } finally {
      waiters.computeIfPresent(key, (k, set) -> set.remove(waiter) && set.isEmpty() ? null : set);
    }
  }

  /**
   * Whether claims of the storage class (the default class when null) are bound only when a pod
   * first uses them ({@code WaitForFirstConsumer}). False when storage classes cannot be read.
   */
  public boolean bindsAtFirstUse(String storageClassName) throws InterruptedException {
    storageClasses();
    return bindsAtFirstUseNow(storageClassName);
  }

  /**
   * {@link #bindsAtFirstUse} from the storage classes seen so far, without waiting; a claim's
   * waiter is judged again when a storage class appears or changes.
   */
  public boolean bindsAtFirstUseNow(String storageClassName) {
    SharedIndexInformer<StorageClass> classes = storageClasses;
    if (classes == null) {
      return false;
    }
    return classes.getStore().list().stream()
        .filter(
            c ->
                storageClassName == null
                    ? "true".equals(ObjectLabels.annotation(c, DEFAULT_CLASS_ANNOTATION))
                    : storageClassName.equals(c.getMetadata().getName()))
        .anyMatch(c -> "WaitForFirstConsumer".equals(c.getVolumeBindingMode()));
  }

  private synchronized SharedIndexInformer<StorageClass> storageClasses()
      throws InterruptedException {
    if (storageClasses == null && !storageClassesUnavailable) {
      try {
        SharedIndexInformer<StorageClass> informer =
            client.storage().v1().storageClasses().runnableInformer(0);
        // A class created just before its claim may arrive after the claim was first judged.
        informer.addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(StorageClass storageClass) {
                rejudgeClaims();
              }

              @Override
              public void onUpdate(StorageClass before, StorageClass after) {
                rejudgeClaims();
              }

              @Override
              public void onDelete(StorageClass storageClass, boolean finalStateUnknown) {
                rejudgeClaims();
              }
            });
        storageClasses = started(informer, "StorageClass");
      } catch (KubernetesClientException e) {
        storageClassesUnavailable = true;
        LOG.warn("storage classes cannot be watched, claims wait for Bound: {}", e.getMessage());
      }
    }
    return storageClasses;
  }

  private Scope scope(JobKind kind, String namespace) {
    return new Scope(kind, kind.clusterScoped() || namespaces.isEmpty() ? null : namespace);
  }

  private SharedIndexInformer<? extends HasMetadata> informer(Scope scope)
      throws InterruptedException {
    SharedIndexInformer<? extends HasMetadata> informer = informers.get(scope);
    return informer != null ? informer : start(scope);
  }

  private synchronized SharedIndexInformer<? extends HasMetadata> start(Scope scope)
      throws InterruptedException {
    SharedIndexInformer<? extends HasMetadata> existing = informers.get(scope);
    if (existing != null) {
      return existing;
    }
    Class<? extends HasMetadata> type = Kinds.type(client, scope.kind());
    SharedIndexInformer<? extends HasMetadata> informer =
        type != null
            ? informerOf(client.resources(type), scope.namespace())
            : informerOf(
                client.genericKubernetesResources(Kinds.discover(client, scope.kind())),
                scope.namespace());
    informer.addEventHandler(handler(scope.kind()));
    started(informer, scope.kind().kubernetesKind());
    informers.put(scope, informer);
    LOG.debug(
        "informer started for {} in {}",
        scope.kind().kubernetesKind(),
        scope.namespace() == null ? "all namespaces" : scope.namespace());
    return informer;
  }

  private static <T extends HasMetadata> SharedIndexInformer<T> informerOf(
      MixedOperation<T, ?, ?> resources, String namespace) {
    var selected =
        namespace == null
            ? resources.inAnyNamespace().withLabel(ObjectLabels.APP_ID)
            : resources.inNamespace(namespace).withLabel(ObjectLabels.APP_ID);
    return selected.runnableInformer(0);
  }

  private static <T> SharedIndexInformer<T> started(SharedIndexInformer<T> informer, String what)
      throws InterruptedException {
    try {
      informer.start().toCompletableFuture().get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      return informer;
    } catch (ExecutionException | TimeoutException e) {
      informer.stop();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new KubernetesClientException(
          "cannot watch " + what + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      informer.stop();
      throw e;
    }
  }

  private ResourceEventHandler<HasMetadata> handler(JobKind kind) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(HasMetadata object) {
        dispatch(kind, object, false);
      }

      @Override
      public void onUpdate(HasMetadata oldObject, HasMetadata newObject) {
        dispatch(kind, newObject, false);
      }

      @Override
      public void onDelete(HasMetadata object, boolean deletedFinalStateUnknown) {
        dispatch(kind, object, true);
      }
    };
  }

  private void rejudgeClaims() {
    String prefix = Kinds.keyPrefix(JobKind.PERSISTENT_VOLUME_CLAIM);
    waiters.forEach(
        (key, set) -> {
          if (key.startsWith(prefix)) {
            set.forEach(Waiter::rejudge);
          }
        });
  }

  private void dispatch(JobKind kind, HasMetadata object, boolean deleted) {
    String key =
        Kinds.key(kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
    for (Waiter waiter : waiters.getOrDefault(key, Set.of())) {
      if (deleted) {
        waiter.deleted();
      } else {
        waiter.observe(object);
      }
    }
    for (ObjectListener listener : listeners.getOrDefault(kind, List.of())) {
      try {
        if (deleted) {
          listener.deleted(object);
        } else {
          listener.changed(object);
        }
      } catch (RuntimeException e) {
        LOG.warn("listener failed on {}: {}", key, e.toString());
      }
    }
  }

  /** Stops every informer. */
  @Override
  public synchronized void close() {
    informers.values().forEach(SharedIndexInformer::stop);
    informers.clear();
    if (storageClasses != null) {
      storageClasses.stop();
    }
  }
}
