package org.tessera.dimse.internal.service;

import java.util.Arrays;
import java.util.List;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;

/**
 * What a C-MOVE or C-GET identifier asks for (PS3.4 C.4.2.2.1, C.4.3.2.1): the Query/Retrieve
 * Level and the unique keys at that level, one value or a list. Keys of other levels may be
 * present (the higher levels' unique keys of a hierarchical retrieve) and are not needed to find
 * the instances: a UID names one entity wherever it sits.
 *
 * @param level the retrieve level
 * @param keys the Patient IDs (PATIENT) or UIDs at that level
 */
record RetrieveIdentifier(QueryLevel level, List<String> keys) {

  /** Why an identifier cannot be used; becomes a status with Offending Element. */
  static final class InvalidIdentifierException extends RuntimeException {
    final int offendingTag;

    InvalidIdentifierException(String message, int offendingTag) {
      super(message);
      this.offendingTag = offendingTag;
    }
  }

  /**
   * @param patientRoot whether the Patient Root model is used (the Study Root one has no
   *     PATIENT level, PS3.4 C.3.2)
   * @throws InvalidIdentifierException for a missing or unknown level or missing/invalid keys
   */
  static RetrieveIdentifier of(Attributes identifier, boolean patientRoot) {
    String levelName = identifier.getString(Tag.QueryRetrieveLevel);
    if (levelName == null) {
      throw new InvalidIdentifierException("Query/Retrieve Level (0008,0052) is missing",
          Tag.QueryRetrieveLevel);
    }
    QueryLevel level;
    int keyTag;
    switch (levelName.strip()) {
      case "PATIENT" -> {
        if (!patientRoot) {
          throw new InvalidIdentifierException("the Study Root model has no PATIENT level",
              Tag.QueryRetrieveLevel);
        }
        level = QueryLevel.PATIENT;
        keyTag = Tag.PatientID;
      }
      case "STUDY" -> {
        level = QueryLevel.STUDY;
        keyTag = Tag.StudyInstanceUID;
      }
      case "SERIES" -> {
        level = QueryLevel.SERIES;
        keyTag = Tag.SeriesInstanceUID;
      }
      case "IMAGE" -> {
        level = QueryLevel.INSTANCE;
        keyTag = Tag.SOPInstanceUID;
      }
      default -> throw new InvalidIdentifierException("Query/Retrieve Level '" + levelName
          + "' is not PATIENT, STUDY, SERIES or IMAGE", Tag.QueryRetrieveLevel);
    }
    String[] values = identifier.getStrings(keyTag);
    List<String> keys = values == null ? List.of()
        : Arrays.stream(values).map(String::strip).filter(v -> !v.isEmpty()).toList();
    if (keys.isEmpty()) {
      throw new InvalidIdentifierException("a retrieve at " + levelName + " level needs "
          + keyName(keyTag) + " (one value or a list)", keyTag);
    }
    if (keyTag != Tag.PatientID && !keys.stream().allMatch(Uid::isValid)) {
      throw new InvalidIdentifierException(keyName(keyTag) + " holds a value that is not a UID",
          keyTag);
    }
    return new RetrieveIdentifier(level, keys);
  }

  private static String keyName(int tag) {
    return switch (tag) {
      case Tag.PatientID -> "Patient ID (0010,0020)";
      case Tag.StudyInstanceUID -> "Study Instance UID (0020,000D)";
      case Tag.SeriesInstanceUID -> "Series Instance UID (0020,000E)";
      default -> "SOP Instance UID (0008,0018)";
    };
  }
}
