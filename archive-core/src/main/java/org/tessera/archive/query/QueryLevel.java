package org.tessera.archive.query;

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
}
