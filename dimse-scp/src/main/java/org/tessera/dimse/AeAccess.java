package org.tessera.dimse;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.tessera.archive.security.AccessFilter;

/**
 * Which collections each calling AE may query and retrieve: {@code AET=value} entries separated
 * by commas, {@code *=value} for every AE not listed. A value is {@code *} (everything),
 * {@code public} (the public collections), collection names separated by {@code |} (exactly
 * those), or {@code public|name|...} (the public ones and those). Without any entry every AE
 * sees everything, what a hospital PACS expects; a research archive lists its AEs and sets
 * {@code *=public}. What an AE may not see is absent to it (no match, nothing to retrieve).
 */
public final class AeAccess {
  private final Map<String, AccessFilter> byAeTitle;
  private final AccessFilter others;

  private AeAccess(Map<String, AccessFilter> byAeTitle, AccessFilter others) {
    this.byAeTitle = Map.copyOf(byAeTitle);
    this.others = others;
  }

  /**
   * @throws IllegalArgumentException naming an entry that is not {@code AET=value}
   */
  public static AeAccess parse(String entries) {
    Map<String, AccessFilter> map = new LinkedHashMap<>();
    AccessFilter others = AccessFilter.all();
    for (String entry : entries.split(",")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.indexOf('=');
      if (eq <= 0 || eq == e.length() - 1) {
        throw new IllegalArgumentException("AE access \"" + e + "\" is not of the form "
            + "AET=* or AET=public or AET=collection|collection");
      }
      String aet = e.substring(0, eq).strip();
      AccessFilter filter = filter(e.substring(eq + 1));
      if (aet.equals("*")) {
        others = filter;
      } else {
        map.put(aet, filter);
      }
    }
    return new AeAccess(map, others);
  }

  private static AccessFilter filter(String value) {
    Set<String> names = new LinkedHashSet<>();
    Arrays.stream(value.split("\\|")).map(String::strip).filter(s -> !s.isEmpty())
        .forEach(names::add);
    if (names.contains("*")) {
      return AccessFilter.all();
    }
    boolean withPublic = names.remove("public");
    return withPublic ? AccessFilter.publicAnd(names) : AccessFilter.only(names);
  }

  /** What {@code callingAeTitle} may see. */
  public AccessFilter of(String callingAeTitle) {
    AccessFilter f = callingAeTitle == null ? null : byAeTitle.get(callingAeTitle.strip());
    return f != null ? f : others;
  }
}
