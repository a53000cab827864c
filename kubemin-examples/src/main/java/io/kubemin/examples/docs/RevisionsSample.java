package io.kubemin.examples.docs;

import io.kubemin.KubeMin;
import io.kubemin.RevisionDiff;
import io.kubemin.RollbackResult;
import io.kubemin.spi.RevisionRecord;
import java.util.List;

/** docs/lifecycle.md: read an application's revisions, compare two, roll back to one. */
public final class RevisionsSample {
  private RevisionsSample() {}

  /** One line per revision: number, version, cause, author. */
  public static List<String> history(KubeMin kubemin, String appId) {
    return kubemin.revisions(appId).stream()
        .map(r -> r.number() + " " + r.version() + " " + r.cause() + " by " + r.author())
        .toList();
  }

  /** What changed from the previous revision to the newest one. */
  public static RevisionDiff lastChange(KubeMin kubemin, String appId) {
    List<RevisionRecord> revisions = kubemin.revisions(appId);
    int newest = revisions.get(revisions.size() - 1).number();
    return kubemin.compareRevisions(appId, Math.max(1, newest - 1), newest);
  }

  /** Makes revision {@code number} current again and deploys it; the newer objects are deleted. */
  public static RollbackResult undo(KubeMin kubemin, String appId, int number, String user) {
    return kubemin.rollback(appId, number, user);
  }
}
