package org.tessera.archive.internal.ingest;

import java.util.Objects;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.ingest.IngestContext;
import org.tessera.archive.internal.TagNames;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;
import org.tessera.dicom.io.FileMetaInformation;

/**
 * The checks an instance passes before anything is stored: the identifying UIDs are present and
 * well-formed (PS3.5 9.1), the File Meta Information agrees with the data set (PS3.10 7.1), and
 * the data set is what the protocol announced (PS3.4 B.2.3 A900, PS3.18 10.5 study mismatch).
 */
public final class InstanceValidator {
  private static final int[] REQUIRED_UIDS = {
      Tag.SOPClassUID, Tag.SOPInstanceUID, Tag.StudyInstanceUID, Tag.SeriesInstanceUID};

  private InstanceValidator() {}

  public static void validate(ParsedInstance p, IngestContext ctx) {
    for (int tag : REQUIRED_UIDS) {
      String uid = p.dataset().getString(tag);
      if (uid == null || uid.isEmpty()) {
        throw new ArchiveException(Problem.MISSING_ATTRIBUTE, TagNames.describe(tag) + " is missing", tag);
      }
      if (!Uid.isValid(uid)) {
        throw new ArchiveException(Problem.INVALID_ATTRIBUTE,
            TagNames.describe(tag) + " '" + uid + "' is not a valid UID", tag);
      }
    }
    FileMetaInformation meta = p.meta();
    if (!Uid.isValid(meta.transferSyntaxUid())) {
      throw new ArchiveException(Problem.INVALID_ATTRIBUTE, TagNames.describe(Tag.TransferSyntaxUID) + " '"
          + meta.transferSyntaxUid() + "' is not a valid UID", Tag.TransferSyntaxUID);
    }
    mustMatch(meta.mediaStorageSopClassUid(), p.sopClassUid(), Tag.MediaStorageSOPClassUID,
        Tag.SOPClassUID);
    mustMatch(meta.mediaStorageSopInstanceUid(), p.sopInstanceUid(),
        Tag.MediaStorageSOPInstanceUID, Tag.SOPInstanceUID);
    mustMatch(ctx.expectedSopClassUid(), p.sopClassUid(), Tag.AffectedSOPClassUID,
        Tag.SOPClassUID);
    mustMatch(ctx.expectedSopInstanceUid(), p.sopInstanceUid(), Tag.AffectedSOPInstanceUID,
        Tag.SOPInstanceUID);
    if (ctx.expectedStudyInstanceUid() != null
        && !ctx.expectedStudyInstanceUid().equals(p.studyInstanceUid())) {
      throw new ArchiveException(Problem.DATASET_MISMATCH, TagNames.describe(Tag.StudyInstanceUID) + " '"
          + p.studyInstanceUid() + "' is not the study of the request ('"
          + ctx.expectedStudyInstanceUid() + "')", Tag.StudyInstanceUID);
    }
  }

  /** {@code announced} (if given) must equal the data set's {@code actual}. */
  private static void mustMatch(String announced, String actual, int announcedTag, int tag) {
    if (announced != null && !announced.isEmpty() && !Objects.equals(announced, actual)) {
      throw new ArchiveException(Problem.DATASET_MISMATCH, TagNames.describe(tag) + " '" + actual
          + "' differs from " + TagNames.describe(announcedTag) + " '" + announced + "'", tag);
    }
  }
}
