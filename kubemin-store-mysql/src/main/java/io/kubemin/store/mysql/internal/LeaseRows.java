package io.kubemin.store.mysql.internal;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Named leases ({@code min_leases}): taking or renewing one is a conditional UPDATE (holder is the
 * caller, or the lease ended), or an INSERT when the row does not exist yet; a duplicate key on
 * that INSERT means another instance took it first.
 */
public final class LeaseRows {
  private LeaseRows() {}

  /** Takes or renews the lease; whether the caller holds it now. */
  public static boolean take(
      Handle handle, String name, String holder, Instant now, Instant until) {
    // acquired_at and renewals come before holder: MySQL evaluates SET left to right.
    int updated =
        handle
            .createUpdate(
                "UPDATE min_leases SET"
                    + " acquired_at = CASE WHEN holder = :holder THEN acquired_at ELSE :now END,"
                    + " renewals = CASE WHEN holder = :holder THEN renewals + 1 ELSE 0 END,"
                    + " holder = :holder, lease_until = :until"
                    + " WHERE name = :name AND (holder = :holder OR lease_until < :now)")
            .bind("name", name)
            .bind("holder", holder)
            .bind("now", UtcInstants.text(now))
            .bind("until", UtcInstants.text(until))
            .execute();
    if (updated > 0) {
      return true;
    }
    boolean exists =
        handle
                .createQuery("SELECT COUNT(*) FROM min_leases WHERE name = :name")
                .bind("name", name)
                .mapTo(Integer.class)
                .one()
            > 0;
    if (exists) {
      return false;
    }
    handle
        .createUpdate(
            "INSERT INTO min_leases (name, holder, lease_until, acquired_at, renewals)"
                + " VALUES (:name, :holder, :until, :now, 0)")
        .bind("name", name)
        .bind("holder", holder)
        .bind("now", UtcInstants.text(now))
        .bind("until", UtcInstants.text(until))
        .execute();
    return true;
  }

  /** Ends the lease at once if {@code holder} holds it. */
  public static void release(Handle handle, String name, String holder) {
    handle
        .createUpdate(
            "UPDATE min_leases SET lease_until = :past WHERE name = :name AND holder = :holder")
        .bind("name", name)
        .bind("holder", holder)
        .bind("past", UtcInstants.text(Instant.parse("2000-01-01T00:00:00Z")))
        .execute();
  }
}
