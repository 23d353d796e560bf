package org.tessera.archive.internal.index;

import java.util.regex.Pattern;
import org.tessera.archive.ArchiveException;

/**
 * The bounds a date or time key value matches within (PS3.4 C.2.2.2.5), as the index stores
 * them: 'YYYYMMDD' and 'HHMMSS.FFFFFF' text compared as text, so that a range is an index range.
 *
 * @param lower the least value matched, or null for none
 * @param upper the greatest value matched, or null for none
 */
record QueryRange(String lower, String upper) {
  private static final Pattern DATE = Pattern.compile("\\d{8}");
  private static final Pattern TIME = Pattern.compile("\\d{2}(\\d{2}(\\d{2}(\\.\\d{1,6})?)?)?");
  private static final String LATEST_FRACTION = "999999";

  /**
   * The bounds of a single value or a range {@code a-b}, {@code a-}, {@code -b}. A single date
   * is itself; a single or upper-bound time extends to the end of the unit it is given to
   * ("12" is up to 125959.999999, "1200" up to 120059.999999).
   */
  static QueryRange parse(String value, boolean time, MatchCompiler.Key key) {
    int dash = value.indexOf('-');
    if (dash < 0) {
      String v = normalize(value, time, key);
      return time ? new QueryRange(lowerTime(v), upperTime(v)) : new QueryRange(v, v);
    }
    String lo = value.substring(0, dash).strip();
    String hi = value.substring(dash + 1).strip();
    if (lo.isEmpty() && hi.isEmpty() || hi.indexOf('-') >= 0) {
      throw invalid(key, value, time);
    }
    String lower = lo.isEmpty() ? null : normalize(lo, time, key);
    String upper = hi.isEmpty() ? null : normalize(hi, time, key);
    return time ? new QueryRange(lower == null ? null : lowerTime(lower),
        upper == null ? null : upperTime(upper)) : new QueryRange(lower, upper);
  }

  /** Whether this is one value rather than a range. */
  boolean single() {
    return lower != null && lower.equals(upper);
  }

  /** Without the separators of ACR-NEMA era encodings: '.' in dates, ':' in times (PS3.5 6.2). */
  private static String normalize(String value, boolean time, MatchCompiler.Key key) {
    String v = time ? value.replace(":", "") : value.replace(".", "");
    if (!(time ? TIME : DATE).matcher(v).matches()) {
      throw invalid(key, value, time);
    }
    return v;
  }

  /** "120000.500" is "120000.5" and "120000.0" is "120000": the least text of that instant. */
  private static String lowerTime(String v) {
    if (v.indexOf('.') < 0) {
      return v;
    }
    int end = v.length();
    while (v.charAt(end - 1) == '0') {
      end--;
    }
    return v.charAt(end - 1) == '.' ? v.substring(0, end - 1) : v.substring(0, end);
  }

  private static String upperTime(String v) {
    return switch (v.length()) {
      case 2 -> v + "5959." + LATEST_FRACTION;
      case 4 -> v + "59." + LATEST_FRACTION;
      case 6 -> v + "." + LATEST_FRACTION;
      default -> v + LATEST_FRACTION.substring(v.length() - 7);
    };
  }

  private static ArchiveException invalid(MatchCompiler.Key key, String value, boolean time) {
    return key.invalid(value, time ? "a time (HHMMSS.FFFFFF) or a range of times"
        : "a date (YYYYMMDD) or a range of dates");
  }
}
