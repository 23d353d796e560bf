package org.tessera.archive.internal.index;

import java.util.List;

/**
 * Everything the index keeps of one instance, ready for {@link IndexWriter}: for each level its
 * column values (in {@link LevelColumns} order) and its attributes as DICOM JSON.
 *
 * @param site the TCIA site name, or null
 * @param modality the series' modality, or null
 */
public record InstanceRecord(
    String studyInstanceUid, String seriesInstanceUid, String sopInstanceUid,
    String sopClassUid, String transferSyntaxUid, String collection, String site,
    String modality, Level patient, Level study, Level series, Level instance) {

  /** One table's share: column values and the level's DICOM JSON. */
  public record Level(List<Object> values, String json) {}
}
