package org.tessera.archive;

/**
 * What went wrong, in the one vocabulary every edge maps to its own codes: DIMSE statuses,
 * HTTP statuses and STOW-RS failure reasons, and each compatibility API's error body.
 */
public enum Problem {
  /** The request itself is malformed: a bad parameter, an unparseable query. */
  INVALID_REQUEST,
  /** The data is not DICOM at all, or cannot be parsed: truncated, bad lengths. */
  CANNOT_UNDERSTAND,
  /** A required attribute (SOP Instance UID, Study Instance UID, ...) is absent. */
  MISSING_ATTRIBUTE,
  /** An attribute is present but its value is not acceptable (a malformed UID, say). */
  INVALID_ATTRIBUTE,
  /** The data set does not match what the request announced (SOP Class, SOP Instance, Study). */
  DATASET_MISMATCH,
  /** The SOP Class is not one the archive stores. */
  UNSUPPORTED_SOP_CLASS,
  /** The transfer syntax cannot be stored or served. */
  UNSUPPORTED_TRANSFER_SYNTAX,
  NOT_FOUND,
  /** The request contradicts what is stored: a study in another collection, a refused duplicate. */
  CONFLICT,
  UNAUTHENTICATED,
  FORBIDDEN,
  /** A limit was reached: disk full, too many concurrent requests, a value too long. */
  OUT_OF_RESOURCES,
  /** The blob store failed to write or read. */
  STORAGE_FAILURE,
  /** A dependency (the index database) is not reachable right now. */
  UNAVAILABLE,
  TIMEOUT,
  CANCELLED,
  INTERNAL
}
