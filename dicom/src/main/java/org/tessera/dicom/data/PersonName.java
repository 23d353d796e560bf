package org.tessera.dicom.data;

/**
 * A Person Name (PN) value (PS3.5 6.2.1): up to three component groups — alphabetic,
 * ideographic, phonetic — separated by '=', each of up to five components separated by '^'.
 *
 * @param alphabetic the single-byte representation, never null (may be empty)
 * @param ideographic the ideographic representation, never null (may be empty)
 * @param phonetic the phonetic representation, never null (may be empty)
 */
public record PersonName(Group alphabetic, Group ideographic, Group phonetic) {

  /**
   * One component group: family name complex, given name complex, middle name, name prefix,
   * name suffix. Absent components are empty strings.
   */
  public record Group(String family, String given, String middle, String prefix, String suffix) {
    static final Group EMPTY = new Group("", "", "", "", "");

    /** Parses "Family^Given^Middle^Prefix^Suffix"; components beyond five stay in the suffix. */
    public static Group parse(String s) {
      if (s.isEmpty()) {
        return EMPTY;
      }
      String[] c = s.split("\\^", 5);
      return new Group(c[0], at(c, 1), at(c, 2), at(c, 3), at(c, 4));
    }

    public boolean isEmpty() {
      return family.isEmpty() && given.isEmpty() && middle.isEmpty() && prefix.isEmpty()
          && suffix.isEmpty();
    }

    /** The encoded form, without trailing empty components. */
    @Override
    public String toString() {
      String[] c = {family, given, middle, prefix, suffix};
      int n = c.length;
      while (n > 0 && c[n - 1].isEmpty()) {
        n--;
      }
      return String.join("^", java.util.Arrays.copyOf(c, n));
    }
  }

  /** Parses one PN value (not a multi-valued string: split values on '\' first). */
  public static PersonName parse(String value) {
    String[] g = value.split("=", 3);
    return new PersonName(Group.parse(g[0]), Group.parse(at(g, 1)), Group.parse(at(g, 2)));
  }

  /** The component group strings, alphabetic first; each may be empty. */
  public String[] groups() {
    return new String[] {alphabetic.toString(), ideographic.toString(), phonetic.toString()};
  }

  /** The encoded form, without trailing empty groups. */
  @Override
  public String toString() {
    String[] g = groups();
    int n = g.length;
    while (n > 0 && g[n - 1].isEmpty()) {
      n--;
    }
    return String.join("=", java.util.Arrays.copyOf(g, n));
  }

  private static String at(String[] a, int i) {
    return i < a.length ? a[i] : "";
  }
}
