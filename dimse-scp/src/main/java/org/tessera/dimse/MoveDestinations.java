package org.tessera.dimse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The AEs a C-MOVE may send to, by AE title (PS3.4 C.4.2.1.3: the Move Destination names an AE
 * the SCP must know). Parsed from {@code AET=host:port} entries, separated by commas.
 */
public final class MoveDestinations {
  /** Where an AE listens. */
  public record Destination(String aeTitle, String host, int port) {}

  private final Map<String, Destination> byAeTitle;

  private MoveDestinations(Map<String, Destination> byAeTitle) {
    this.byAeTitle = Map.copyOf(byAeTitle);
  }

  /**
   * @param entries {@code AET=host:port[,AET=host:port...]}; blank for none
   * @throws IllegalArgumentException naming the entry that is not of that form
   */
  public static MoveDestinations parse(String entries) {
    Map<String, Destination> map = new LinkedHashMap<>();
    for (String entry : entries.split(",")) {
      String e = entry.strip();
      if (e.isEmpty()) {
        continue;
      }
      int eq = e.indexOf('=');
      int colon = e.lastIndexOf(':');
      if (eq <= 0 || colon < eq + 2 || colon == e.length() - 1) {
        throw new IllegalArgumentException("move destination \"" + e
            + "\" is not of the form AET=host:port");
      }
      String aet = e.substring(0, eq).strip();
      if (aet.length() > 16) {
        throw new IllegalArgumentException("move destination \"" + e
            + "\": an AE title has at most 16 characters");
      }
      int port;
      try {
        port = Integer.parseInt(e.substring(colon + 1));
      } catch (NumberFormatException x) {
        port = -1;
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("move destination \"" + e
            + "\": the port is not a number from 1 to 65535");
      }
      map.put(aet, new Destination(aet, e.substring(eq + 1, colon).strip(), port));
    }
    return new MoveDestinations(map);
  }

  public Optional<Destination> find(String aeTitle) {
    return Optional.ofNullable(aeTitle == null ? null : byAeTitle.get(aeTitle.strip()));
  }
}
