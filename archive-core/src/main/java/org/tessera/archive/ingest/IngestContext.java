package org.tessera.archive.ingest;

/**
 * Who is ingesting, where to, and what the protocol announced about the instance.
 *
 * @param archive the archive's name
 * @param collectionHint the collection the protocol maps this source to (AE title or DICOMweb
 *     path mapping), or null; the instance's own TCIA CTP collection tag takes precedence
 * @param source a short description for the log, e.g. "DIMSE CT1->TESSERA(3)" or "import"
 * @param expectedSopClassUid the Affected SOP Class UID of a C-STORE, or null
 * @param expectedSopInstanceUid the Affected SOP Instance UID of a C-STORE, or null
 * @param expectedStudyInstanceUid the study of a STOW-RS URL, or null
 */
public record IngestContext(
    String archive, String collectionHint, String source, String expectedSopClassUid,
    String expectedSopInstanceUid, String expectedStudyInstanceUid) {

  public static final String DEFAULT_ARCHIVE = "default";

  /** An ingest into {@code archive} that announces nothing about the instance. */
  public static IngestContext of(String archive, String source) {
    return new IngestContext(archive, null, source, null, null, null);
  }

  public IngestContext withCollectionHint(String collection) {
    return new IngestContext(archive, collection, source, expectedSopClassUid,
        expectedSopInstanceUid, expectedStudyInstanceUid);
  }

  public IngestContext expecting(String sopClassUid, String sopInstanceUid) {
    return new IngestContext(archive, collectionHint, source, sopClassUid, sopInstanceUid,
        expectedStudyInstanceUid);
  }

  public IngestContext expectingStudy(String studyInstanceUid) {
    return new IngestContext(archive, collectionHint, source, expectedSopClassUid,
        expectedSopInstanceUid, studyInstanceUid);
  }
}
