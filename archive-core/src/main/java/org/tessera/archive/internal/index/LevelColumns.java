package org.tessera.archive.internal.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Sequence;

/**
 * The indexed columns of one table and how their values are taken from a data set, following
 * the conventions of V1__index.sql: DA as 'YYYYMMDD', TM as 'HHMMSS.FFFFFF', a PERSON_NAME
 * column followed by its upper-cased {@code _ci} twin, absent values NULL.
 */
public final class LevelColumns {
  private static final LevelColumns[] BY_LEVEL = new LevelColumns[QueryLevel.values().length];

  static {
    for (QueryLevel level : QueryLevel.values()) {
      BY_LEVEL[level.ordinal()] = new LevelColumns(IndexCatalog.columnsOf(level));
    }
  }

  private final List<IndexedAttribute> attributes;
  private final List<String> names = new ArrayList<>();

  private LevelColumns(List<IndexedAttribute> attributes) {
    this.attributes = attributes;
    for (IndexedAttribute a : attributes) {
      names.add(a.column());
      if (a.kind() == IndexedAttribute.Kind.PERSON_NAME) {
        names.add(a.column() + "_ci");
      }
    }
  }

  public static LevelColumns of(QueryLevel level) {
    return BY_LEVEL[level.ordinal()];
  }

  /** Column names, in the order {@link #values} fills them. */
  public List<String> names() {
    return names;
  }

  /** The column values of {@code ds}, in the order of {@link #names}. */
  public List<Object> values(Attributes ds) {
    List<Object> values = new ArrayList<>(names.size());
    for (IndexedAttribute a : attributes) {
      if (a.sequence() != 0) {
        values.add(fromItems(ds.getSequence(a.sequence()), a));
        continue;
      }
      values.add(value(ds, a));
      if (a.kind() == IndexedAttribute.Kind.PERSON_NAME) {
        String pn = (String) values.get(values.size() - 1);
        values.add(pn == null ? null : pn.toUpperCase(Locale.ROOT));
      }
    }
    return values;
  }

  private static Object fromItems(Sequence seq, IndexedAttribute a) {
    if (a.kind() != IndexedAttribute.Kind.TEXT_LIST) {
      return seq == null || seq.isEmpty() ? null : value(seq.get(0), a);
    }
    List<String> all = new ArrayList<>();
    if (seq != null) {
      for (Attributes item : seq) {
        String v = trimmed(item.getString(a.tag()));
        if (v != null) {
          all.add(v);
        }
      }
    }
    return all.toArray(String[]::new);
  }

  private static Object value(Attributes ds, IndexedAttribute a) {
    return switch (a.kind()) {
      case TEXT, PERSON_NAME, UID, TEXT_LIST -> trimmed(joined(ds, a.tag()));
      case DATE -> normalizedDate(trimmed(ds.getString(a.tag())));
      case TIME -> normalizedTime(trimmed(ds.getString(a.tag())));
      case INTEGER -> integer(ds, a.tag());
      case DECIMAL -> decimal(ds, a.tag());
    };
  }

  private static String joined(Attributes ds, int tag) {
    String[] values = ds.getStrings(tag);
    return values == null || values.length == 0 ? null : String.join("\\", values);
  }

  private static Integer integer(Attributes ds, int tag) {
    try {
      String s = trimmed(ds.getString(tag));
      return s == null ? null : ds.getInt(tag, 0);
    } catch (RuntimeException e) {
      return null; // not a number: the value stays in the JSON, the column stays empty
    }
  }

  private static Double decimal(Attributes ds, int tag) {
    try {
      String s = trimmed(ds.getString(tag));
      if (s == null) {
        return null;
      }
      double d = ds.getDouble(tag, Double.NaN);
      return Double.isFinite(d) ? d : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** 'YYYYMMDD' from DA, or from the 'YYYY.MM.DD' of ACR-NEMA; other text as it is. */
  static String normalizedDate(String da) {
    return da == null ? null : da.replace(".", "");
  }

  /**
   * 'HHMMSS.FFFFFF' from TM, or from the 'HH:MM:SS' of ACR-NEMA; 'HH' and 'HHMM' padded with
   * zeros so that text comparison orders them with full values.
   */
  static String normalizedTime(String tm) {
    if (tm == null) {
      return null;
    }
    String t = tm.replace(":", "");
    int digits = t.indexOf('.') < 0 ? t.length() : t.indexOf('.');
    return digits == 2 || digits == 4 ? t.substring(0, digits) + "0".repeat(6 - digits)
        + t.substring(digits) : t;
  }

  private static String trimmed(String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
