package org.tessera.archive.query;

import org.tessera.archive.internal.index.QueryCatalog;

/** The levels of the DICOM information model (PS3.4 C.6), top to bottom. */
public enum QueryLevel {
  PATIENT,
  STUDY,
  SERIES,
  INSTANCE;

  /** True if this level is {@code other} or below it. */
  public boolean atOrBelow(QueryLevel other) {
    return ordinal() >= other.ordinal();
  }

  /**
   * The level whose entity a top-level attribute describes, as the index files it: after the
   * modules of PS3.3 (Patient, General Study, Patient Study, General Series, ...) and the
   * computed attributes of PS3.4 C.6.1.1 (Number of Study Related Instances is STUDY). An
   * attribute of no module known above the instance, a private one included, is INSTANCE.
   */
  public static QueryLevel ofAttribute(int tag) {
    return QueryCatalog.levelOf(tag);
  }
}
