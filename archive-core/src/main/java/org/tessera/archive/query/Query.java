package org.tessera.archive.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.tessera.archive.security.AccessFilter;

/**
 * A query of the archive's index: the one model that C-FIND, QIDO-RS, the NBIA APIs and FHIR
 * search translate into. Keys may be on the queried level or any level above it (relational
 * queries, PS3.4 C.4.1.2.2, and QIDO-RS 10.6.1.2.3).
 *
 * @param archive the name of the archive searched
 * @param level what each match is: a patient, study, series or instance
 * @param keys match and return keys; all must match (PS3.4 C.2.2.1)
 * @param returnTags the attributes wanted in each match, or null for every attribute of the
 *     matched level and the levels above it; the identifying UIDs are always returned
 * @param fuzzyNames whether person name keys also match any name component that starts with
 *     the value (QIDO-RS {@code fuzzymatching=true}, PS3.18 8.3.4.1)
 * @param limit the most matches wanted, or 0 for the engine's maximum
 * @param offset matches skipped before the first one returned
 * @param orderBy sort keys before the level's default order (attributes with columns)
 * @param access the collections the caller may see
 */
public record Query(String archive, QueryLevel level, List<MatchKey> keys, Set<Integer> returnTags,
    boolean fuzzyNames, int limit, int offset, List<Order> orderBy, AccessFilter access) {

  public Query {
    Objects.requireNonNull(archive, "archive");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(access, "access");
    keys = List.copyOf(keys);
    returnTags = returnTags == null ? null : Set.copyOf(returnTags);
    orderBy = List.copyOf(orderBy);
  }

  /** A query for everything at {@code level} that {@code access} lets the caller see. */
  public static Query of(String archive, QueryLevel level, AccessFilter access) {
    return new Query(archive, level, List.of(), null, false, 0, 0, List.of(), access);
  }

  public Query withKeys(List<MatchKey> k) {
    return new Query(archive, level, k, returnTags, fuzzyNames, limit, offset, orderBy, access);
  }

  /** This query with one more key. */
  public Query withKey(MatchKey key) {
    List<MatchKey> k = new ArrayList<>(keys);
    k.add(key);
    return withKeys(k);
  }

  /** This query with one more key: {@code tag} with {@code values} (none: universal). */
  public Query withKey(int tag, String... values) {
    return withKey(MatchKey.of(tag, values));
  }

  public Query withReturnTags(Set<Integer> tags) {
    return new Query(archive, level, keys, tags, fuzzyNames, limit, offset, orderBy, access);
  }

  public Query withFuzzyNames(boolean fuzzy) {
    return new Query(archive, level, keys, returnTags, fuzzy, limit, offset, orderBy, access);
  }

  public Query withLimit(int l) {
    return new Query(archive, level, keys, returnTags, fuzzyNames, l, offset, orderBy, access);
  }

  public Query withOffset(int o) {
    return new Query(archive, level, keys, returnTags, fuzzyNames, limit, o, orderBy, access);
  }

  public Query withOrderBy(List<Order> o) {
    return new Query(archive, level, keys, returnTags, fuzzyNames, limit, offset, o, access);
  }

  public Query withAccess(AccessFilter a) {
    return new Query(archive, level, keys, returnTags, fuzzyNames, limit, offset, orderBy, a);
  }
}
