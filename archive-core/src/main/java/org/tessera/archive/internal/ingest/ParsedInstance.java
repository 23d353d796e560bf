package org.tessera.archive.internal.ingest;

import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.io.FileMetaInformation;

/**
 * A received file's header: its File Meta Information and data set, bulk values left in the file
 * as references.
 */
public record ParsedInstance(FileMetaInformation meta, Attributes dataset) {

  public String sopClassUid() {
    return dataset.getString(Tag.SOPClassUID);
  }

  public String sopInstanceUid() {
    return dataset.getString(Tag.SOPInstanceUID);
  }

  public String studyInstanceUid() {
    return dataset.getString(Tag.StudyInstanceUID);
  }

  public String seriesInstanceUid() {
    return dataset.getString(Tag.SeriesInstanceUID);
  }

  public String transferSyntaxUid() {
    return meta.transferSyntaxUid();
  }
}
