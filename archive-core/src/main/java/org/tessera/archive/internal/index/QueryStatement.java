package org.tessera.archive.internal.index;

import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Set;
import org.tessera.dicom.data.VR;

/**
 * A query translated to SQL: the text, its bind parameters, what each selected column holds,
 * and what the translation could not express.
 *
 * @param sql the statement, with {@code $n} placeholders only
 * @param params the values of the placeholders
 * @param columns what the row's columns hold, in select order: the levels' attributes first
 *     (top level first, so that merging them in order lets a lower level win), then
 *     identifying and computed values
 * @param keep the attributes to keep in each match, or null for all
 * @param unsupportedKeys tags of keys with values that have no column and were ignored
 */
public record QueryStatement(String sql, Tuple params, List<Column> columns, Set<Integer> keep,
    List<Integer> unsupportedKeys) {

  public QueryStatement {
    columns = List.copyOf(columns);
    keep = keep == null ? null : Set.copyOf(keep);
    unsupportedKeys = List.copyOf(unsupportedKeys);
  }

  /** One selected column and the attribute it becomes. */
  public record Column(Kind kind, int tag, VR vr) {
    /** A level's {@code attrs} column: DICOM JSON to merge into the match. */
    public static Column attrs() {
      return new Column(Kind.ATTRS, 0, null);
    }
  }

  /** How a column's value becomes an attribute. */
  public enum Kind {
    /** DICOM JSON of a level's attributes. */
    ATTRS,
    /** A text column: the attribute's single value. */
    TEXT,
    /** A text[] column: the attribute's values. */
    TEXT_ARRAY,
    /** An integer column: an IS value. */
    INTEGER
  }
}
