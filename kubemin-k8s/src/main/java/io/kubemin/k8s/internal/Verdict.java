package io.kubemin.k8s.internal;

/**
 * Whether an object is ready, one observation at a time.
 *
 * @param state ready, waiting or failed
 * @param message what is awaited or what failed (null when ready)
 */
public record Verdict(State state, String message) {
  /** The three outcomes of one observation. */
  public enum State {
    /** Ready: the job can complete. */
    READY,
    /** Not yet: keep waiting. */
    WAITING,
    /** Never going to be ready: the job fails. */
    FAILED
  }

  private static final Verdict READY_VERDICT = new Verdict(State.READY, null);

  /** Ready. */
  public static Verdict ready() {
    return READY_VERDICT;
  }

  /** Not yet ready, with what is awaited. */
  public static Verdict waiting(String message) {
    return new Verdict(State.WAITING, message);
  }

  /** Failed for good. */
  public static Verdict failed(String message) {
    return new Verdict(State.FAILED, message);
  }

  /** Whether the wait is over (ready or failed). */
  public boolean settled() {
    return state != State.WAITING;
  }
}
