package io.kubemin.k8s.internal;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One {@link InformerSet} per client and namespace selection, shared by the executor, the status
 * sync and anything else on that client, and closed when its last user releases it.
 */
public final class SharedInformers {
  private static final Map<Key, Entry> SETS = new HashMap<>();

  private SharedInformers() {}

  private record Key(IdentityOf client, Set<String> namespaces) {}

  private record IdentityOf(KubernetesClient client) {
    @Override
    public boolean equals(Object other) {
      return other instanceof IdentityOf that && that.client == client;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(client);
    }
  }

  private static final class Entry {
    final InformerSet set;
    int users;

    Entry(InformerSet set) {
      this.set = set;
    }
  }

  /** The shared set for the client and namespaces; call {@link #release} when done. */
  public static synchronized InformerSet acquire(KubernetesClient client, Set<String> namespaces) {
    Key key = new Key(new IdentityOf(client), Set.copyOf(namespaces));
    Entry entry = SETS.computeIfAbsent(key, k -> new Entry(new InformerSet(client, namespaces)));
    entry.users++;
    return entry.set;
  }

  /** Gives up one use of a set; the last release stops its informers. */
  public static synchronized void release(InformerSet set) {
    SETS.entrySet()
        .removeIf(
            e -> {
              if (e.getValue().set != set || --e.getValue().users > 0) {
                return false;
              }
              set.close();
              return true;
            });
  }
}
