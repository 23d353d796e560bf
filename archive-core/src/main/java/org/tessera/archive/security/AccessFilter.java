package org.tessera.archive.security;

import java.util.Objects;
import java.util.Set;
import org.tessera.archive.model.Visibility;

/**
 * The collections a caller may see. Every query and retrieve takes one and applies it to the
 * collection of each patient, study, series and instance it returns; a row of any other
 * collection is treated as absent, never as forbidden, so its existence does not leak.
 *
 * @param unrestricted every collection (administrators, internal jobs)
 * @param publicCollections every collection whose visibility is public
 * @param collections collections granted by name, in addition to the public ones if {@code
 *     publicCollections}
 */
public record AccessFilter(boolean unrestricted, boolean publicCollections,
    Set<String> collections) {

  private static final AccessFilter ALL = new AccessFilter(true, true, Set.of());
  private static final AccessFilter PUBLIC_ONLY = new AccessFilter(false, true, Set.of());

  public AccessFilter {
    collections = Set.copyOf(Objects.requireNonNull(collections, "collections"));
  }

  /** Everything in the archive. */
  public static AccessFilter all() {
    return ALL;
  }

  /** The public collections only: anonymous callers and {@code nbia_guest}. */
  public static AccessFilter publicOnly() {
    return PUBLIC_ONLY;
  }

  /** The public collections and those granted to the caller. */
  public static AccessFilter publicAnd(Set<String> grantedCollections) {
    return new AccessFilter(false, true, grantedCollections);
  }

  /** Exactly the named collections, public or not. */
  public static AccessFilter only(Set<String> collections) {
    return new AccessFilter(false, false, collections);
  }

  /** Whether a row of collection {@code name} with {@code visibility} passes this filter. */
  public boolean permits(String name, Visibility visibility) {
    return unrestricted || publicCollections && visibility == Visibility.PUBLIC
        || collections.contains(name);
  }
}
