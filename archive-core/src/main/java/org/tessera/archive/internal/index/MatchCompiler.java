package org.tessera.archive.internal.index;

import org.tessera.archive.internal.TagNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.query.MatchKey;

/**
 * Compiles one match key into a condition on its column (PS3.4 C.2.2.2), every value a bind
 * parameter. Several values match if any does; exact values are gathered into one {@code = ANY}
 * or {@code &&} so that an index serves them.
 */
final class MatchCompiler {
  /** A DS value (PS3.5 6.2). */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
  private final QueryParams params;

  MatchCompiler(QueryParams params) {
    this.params = params;
  }

  /** The attribute a key is on, for messages. */
  record Key(int sequence, int tag) {
    ArchiveException invalid(String value, String expected) {
      return new ArchiveException(Problem.INVALID_REQUEST, TagNames.describe(sequence, tag)
          + ": \"" + value + "\" is not " + expected, sequence != 0 ? sequence : tag);
    }
  }

  /**
   * The condition {@code key} puts on {@code column} of the table aliased {@code alias}, or null
   * if it matches everything (no values, or "*" where wildcards apply, C.2.2.2.4).
   */
  String compile(MatchKey key, IndexedAttribute column, String alias, boolean fuzzy) {
    List<String> values = key.nonEmptyValues().stream().map(String::strip)
        .filter(v -> !v.isEmpty()).toList();
    IndexedAttribute.Kind kind = column.kind();
    if (values.isEmpty() || kind != IndexedAttribute.Kind.UID && values.contains("*")) {
      return null;
    }
    String c = alias + "." + column.column();
    Key k = new Key(key.sequence(), key.tag());
    return switch (kind) {
      case TEXT -> text(c, values);
      case PERSON_NAME -> personName(c + "_ci", values, fuzzy);
      case UID -> equal(c, values.toArray(String[]::new), "text[]");
      case DATE -> dateTime(c, values, false, k);
      case TIME -> dateTime(c, values, true, k);
      case INTEGER -> equal(c, integers(values, k), "int4[]");
      case DECIMAL -> equal(c, decimals(values, k), "float8[]");
      case TEXT_LIST -> textList(c, values);
    };
  }

  /** Single value, wildcard (C.2.2.2.4) and any-of matching of text as stored. */
  private String text(String column, List<String> values) {
    List<String> conditions = new ArrayList<>();
    String[] exact = values.stream().filter(v -> !hasWildcard(v)).toArray(String[]::new);
    if (exact.length > 0) {
      conditions.add(equal(column, exact, "text[]"));
    }
    for (String v : values) {
      if (hasWildcard(v)) {
        conditions.add(column + " LIKE " + params.add(likePattern(v)));
      }
    }
    return or(conditions);
  }

  /**
   * Case-insensitive matching on the upper-cased twin column (C.2.2.2.1 lets PN matching ignore
   * case). Fuzzy matching also takes any name component that starts with the value: the first,
   * or one after a component ('^') or group ('=') delimiter.
   */
  private String personName(String ci, List<String> values, boolean fuzzy) {
    List<String> upper = values.stream().map(v -> v.toUpperCase(Locale.ROOT)).toList();
    if (!fuzzy) {
      return text(ci, upper);
    }
    List<String> conditions = new ArrayList<>();
    for (String v : upper) {
      String p = likePattern(v);
      conditions.add("(" + ci + " LIKE " + params.add(p + "%")
          + " OR " + ci + " LIKE " + params.add("%^" + p + "%")
          + " OR " + ci + " LIKE " + params.add("%=" + p + "%") + ")");
    }
    return or(conditions);
  }

  /** A text[] column matches if any element does; exact values by array overlap (GIN). */
  private String textList(String column, List<String> values) {
    List<String> conditions = new ArrayList<>();
    String[] exact = values.stream().filter(v -> !hasWildcard(v)).toArray(String[]::new);
    if (exact.length > 0) {
      conditions.add(column + " && " + params.add(exact) + "::text[]");
    }
    for (String v : values) {
      if (hasWildcard(v)) {
        conditions.add("EXISTS (SELECT 1 FROM unnest(" + column + ") AS e(v) WHERE e.v LIKE "
            + params.add(likePattern(v)) + ")");
      }
    }
    return or(conditions);
  }

  /** Single value and range matching (C.2.2.2.5) of text-comparable dates and times. */
  private String dateTime(String column, List<String> values, boolean time, Key key) {
    List<String> conditions = new ArrayList<>();
    for (String v : values) {
      QueryRange r = QueryRange.parse(v, time, key);
      if (r.single()) {
        conditions.add(column + " = " + params.add(r.lower()));
      } else if (r.lower() != null && r.upper() != null) {
        conditions.add(column + " BETWEEN " + params.add(r.lower()) + " AND "
            + params.add(r.upper()));
      } else if (r.lower() != null) {
        conditions.add(column + " >= " + params.add(r.lower()));
      } else {
        conditions.add(column + " <= " + params.add(r.upper()));
      }
    }
    return or(conditions);
  }

  /** Equality with one value, or with any of several (UID list matching, C.2.2.2.2). */
  private String equal(String column, Object[] values, String arrayType) {
    return values.length == 1 ? column + " = " + params.add(values[0])
        : column + " = ANY(" + params.add(values) + "::" + arrayType + ")";
  }

  private static Integer[] integers(List<String> values, Key key) {
    Integer[] result = new Integer[values.size()];
    for (int i = 0; i < result.length; i++) {
      try {
        result[i] = Integer.valueOf(values.get(i));
      } catch (NumberFormatException e) {
        throw key.invalid(values.get(i), "an integer");
      }
    }
    return result;
  }

  private static Double[] decimals(List<String> values, Key key) {
    Double[] result = new Double[values.size()];
    for (int i = 0; i < result.length; i++) {
      if (!DECIMAL.matcher(values.get(i)).matches()) {
        throw key.invalid(values.get(i), "a decimal number");
      }
      result[i] = Double.valueOf(values.get(i));
    }
    return result;
  }

  private static String or(List<String> conditions) {
    return conditions.size() == 1 ? conditions.get(0)
        : "(" + String.join(" OR ", conditions) + ")";
  }

  private static boolean hasWildcard(String v) {
    return v.indexOf('*') >= 0 || v.indexOf('?') >= 0;
  }

  /** The LIKE pattern of a DICOM wildcard value: '*' is '%', '?' is '_', the rest literal. */
  static String likePattern(String v) {
    StringBuilder p = new StringBuilder(v.length() + 4);
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '*' -> p.append('%');
        case '?' -> p.append('_');
        case '%', '_', '\\' -> p.append('\\').append(ch);
        default -> p.append(ch);
      }
    }
    return p.toString();
  }
}
