package io.kubemin.k8s.sandbox.internal;

import io.fabric8.kubernetes.client.server.mock.KubernetesAttributesExtractor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.kubemin.k8s.internal.JsonDocuments;
import java.util.Map;

/**
 * The mock API server's CRUD dispatcher, extended with server-side apply and request counting.
 *
 * <p>An apply ({@code PATCH} with content type {@code application/apply-patch+yaml}) creates the
 * object when it is absent; otherwise it JSON-merges the body into the stored object and stores the
 * result as an update (so generation and resourceVersion move as on a real server), or changes
 * nothing when the merge gives the stored object back. With {@code dryRun=All} it answers what it
 * would store and stores nothing. There is no field ownership: fields removed from an apply body
 * stay.
 */
public final class ApplyingCrudDispatcher extends KubernetesCrudDispatcher {
  private static final String APPLY_CONTENT_TYPE = "application/apply-patch";

  private final RequestCounter counter =
      new RequestCounter(
          path ->
              getAttributeExtractor()
                  .fromPath(path)
                  .containsKey(KubernetesAttributesExtractor.NAME));
  private final Object applyLock = new Object();

  /** The counter of the requests this dispatcher served. */
  public RequestCounter counter() {
    return counter;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    counter.record(request);
    return super.dispatch(request);
  }

  @Override
  public MockResponse handlePatch(RecordedRequest request) {
    String contentType = request.getHeader("Content-Type");
    if (contentType == null || !contentType.startsWith(APPLY_CONTENT_TYPE)) {
      return super.handlePatch(request);
    }
    synchronized (applyLock) {
      return apply(request);
    }
  }

  private MockResponse apply(RecordedRequest request) {
    String path = withoutQuery(request.getPath());
    String body = request.getUtf8Body();
    boolean dryRun = request.getPath().matches(".*[?&]dryRun=All(&.*)?");
    Map.Entry<AttributeSet, String> stored = findResource(getKey(path));
    if (stored == null) {
      if (dryRun) {
        return new MockResponse().setResponseCode(201).setBody(body);
      }
      return handleCreate(rewrite(request, HttpMethod.POST, collectionOf(path), body));
    }
    Map<String, Object> current = parse(stored.getValue());
    Map<String, Object> merged = JsonDocuments.mergePatch(current, parse(body));
    if (merged.equals(current)) {
      return new MockResponse().setResponseCode(200).setBody(stored.getValue());
    }
    if (dryRun) {
      // What the apply would store, without storing it.
      return new MockResponse().setResponseCode(200).setBody(Serialization.asJson(merged));
    }
    return handleUpdate(rewrite(request, HttpMethod.PUT, path, Serialization.asJson(merged)));
  }

  private static Map<String, Object> parse(String json) {
    return JsonDocuments.asObject(Serialization.unmarshal(json, Map.class));
  }

  private static RecordedRequest rewrite(
      RecordedRequest original, HttpMethod method, String path, String body) {
    Headers headers =
        original.getHeaders().newBuilder().set("Content-Type", "application/json").build();
    return new RecordedRequest(
        original.getHttpVersion(), method, path, headers, new Buffer().writeUtf8(body));
  }

  private static String withoutQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }

  private static String collectionOf(String path) {
    return path.substring(0, path.lastIndexOf('/'));
  }
}
