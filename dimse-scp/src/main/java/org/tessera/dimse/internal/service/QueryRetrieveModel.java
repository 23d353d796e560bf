package org.tessera.dimse.internal.service;

import java.util.List;
import java.util.Optional;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.Uid;

/**
 * The Query/Retrieve information models (PS3.4 C.3): which levels each has, top to bottom, and
 * the Unique Key that identifies an entity of each level (C.3.1, C.3.2; Tables C.6-1 to C.6-7).
 */
enum QueryRetrieveModel {
  /** PS3.4 C.3.1: patient, study, series, composite object instance. */
  PATIENT_ROOT(Uid.PatientRootQueryRetrieveInformationModelFind,
      List.of(QueryLevel.PATIENT, QueryLevel.STUDY, QueryLevel.SERIES, QueryLevel.INSTANCE)),
  /** PS3.4 C.3.2: no patient level; patient attributes are study attributes (Table C.6-5). */
  STUDY_ROOT(Uid.StudyRootQueryRetrieveInformationModelFind,
      List.of(QueryLevel.STUDY, QueryLevel.SERIES, QueryLevel.INSTANCE));

  private final String findSopClass;
  private final List<QueryLevel> levels;

  QueryRetrieveModel(String findSopClass, List<QueryLevel> levels) {
    this.findSopClass = findSopClass;
    this.levels = levels;
  }

  /** The model's FIND SOP Class UID. */
  String findSopClass() {
    return findSopClass;
  }

  /** The levels of the model, top to bottom. */
  List<QueryLevel> levels() {
    return levels;
  }

  /** The model whose FIND SOP Class is {@code sopClassUid}. */
  static Optional<QueryRetrieveModel> ofFind(String sopClassUid) {
    for (QueryRetrieveModel m : values()) {
      if (m.findSopClass.equals(sopClassUid)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /** The level a Query/Retrieve Level (0008,0052) value names, if this model has it. */
  Optional<QueryLevel> level(String queryRetrieveLevel) {
    QueryLevel level = switch (queryRetrieveLevel) {
      case "PATIENT" -> QueryLevel.PATIENT;
      case "STUDY" -> QueryLevel.STUDY;
      case "SERIES" -> QueryLevel.SERIES;
      case "IMAGE" -> QueryLevel.INSTANCE;
      default -> null;
    };
    return level != null && levels.contains(level) ? Optional.of(level) : Optional.empty();
  }

  /** The Unique Key of a level: Patient ID, Study, Series or SOP Instance UID. */
  static int uniqueKey(QueryLevel level) {
    return switch (level) {
      case PATIENT -> Tag.PatientID;
      case STUDY -> Tag.StudyInstanceUID;
      case SERIES -> Tag.SeriesInstanceUID;
      case INSTANCE -> Tag.SOPInstanceUID;
    };
  }
}
