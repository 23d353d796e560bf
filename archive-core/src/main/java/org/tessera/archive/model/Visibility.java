package org.tessera.archive.model;

/** Who may see a collection. */
public enum Visibility {
  /** Everyone, including anonymous and guest callers. */
  PUBLIC,
  /** Only users granted the collection. */
  RESTRICTED;

  /** The value stored in the index. */
  public String sqlValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
