package org.tessera.archive.ingest;

/**
 * What an instance whose SOP Instance UID is already stored does. Identical bytes (same size
 * and MD5) are always a success that changes nothing.
 */
public enum DuplicatePolicy {
  /** Different bytes replace the stored instance (logged). */
  REPLACE,
  /** Different bytes are refused with a conflict; the stored instance stays. */
  REJECT
}
