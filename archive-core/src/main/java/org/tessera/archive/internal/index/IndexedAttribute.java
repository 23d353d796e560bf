package org.tessera.archive.internal.index;

import org.tessera.archive.query.QueryLevel;

/**
 * An attribute the index keeps in its own column, so that queries can match on it with an
 * index and NBIA-style listings can read it without parsing JSON.
 *
 * @param tag the attribute; for a value inside a sequence, the tag inside the item
 * @param sequence the enclosing sequence (values of every item are indexed), or 0 for a
 *     top-level attribute
 * @param level the table it lives in
 * @param column the column name
 * @param kind how values are stored and matched
 */
public record IndexedAttribute(int tag, int sequence, QueryLevel level, String column, Kind kind) {

  /** How a value is stored and matched (PS3.4 C.2.2.2). */
  public enum Kind {
    /** Single value and wildcard matching on the text as stored. */
    TEXT,
    /** Like TEXT; also kept upper-cased in {@code <column>_ci} for case-insensitive matching. */
    PERSON_NAME,
    /** 'YYYYMMDD'; single value and range matching. */
    DATE,
    /** 'HHMMSS.FFFFFF'; single value and range matching. */
    TIME,
    /** Single value and UID list matching. */
    UID,
    INTEGER,
    DECIMAL,
    /** A text[] column of every item's value: matches if any element matches. */
    TEXT_LIST
  }

  static IndexedAttribute of(int tag, QueryLevel level, String column, Kind kind) {
    return new IndexedAttribute(tag, 0, level, column, kind);
  }

  static IndexedAttribute inSequence(int sequence, int tag, QueryLevel level, String column,
      Kind kind) {
    return new IndexedAttribute(tag, sequence, level, column, kind);
  }
}
