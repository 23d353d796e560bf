package org.tessera.archive.internal.index;

import static org.tessera.archive.internal.index.IndexedAttribute.Kind.DATE;
import static org.tessera.archive.internal.index.IndexedAttribute.Kind.DECIMAL;
import static org.tessera.archive.internal.index.IndexedAttribute.Kind.INTEGER;
import static org.tessera.archive.internal.index.IndexedAttribute.Kind.PERSON_NAME;
import static org.tessera.archive.internal.index.IndexedAttribute.Kind.TEXT;
import static org.tessera.archive.internal.index.IndexedAttribute.Kind.TEXT_LIST;
import static org.tessera.archive.internal.index.IndexedAttribute.Kind.TIME;
import static org.tessera.archive.internal.index.IndexedAttribute.Kind.UID;
import static org.tessera.archive.internal.index.IndexedAttribute.inSequence;
import static org.tessera.archive.internal.index.IndexedAttribute.of;
import static org.tessera.archive.query.QueryLevel.INSTANCE;
import static org.tessera.archive.query.QueryLevel.PATIENT;
import static org.tessera.archive.query.QueryLevel.SERIES;
import static org.tessera.archive.query.QueryLevel.STUDY;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Tag;

/**
 * The attributes with columns of their own (see V1__index.sql): the required and optional
 * matching keys of QIDO-RS (PS3.18 10.6.1.2.3) and C-FIND (PS3.4 C.6.1.1, C.6.2.1) and the
 * NBIA listing fields. Ingest fills the columns from these entries; the query engine matches on
 * them.
 */
public final class IndexCatalog {
  public static final List<IndexedAttribute> ATTRIBUTES = List.of(
      of(Tag.PatientID, PATIENT, "patient_id", TEXT),
      of(Tag.IssuerOfPatientID, PATIENT, "issuer_of_patient_id", TEXT),
      of(Tag.PatientName, PATIENT, "patient_name", PERSON_NAME),
      of(Tag.PatientBirthDate, PATIENT, "patient_birth_date", DATE),
      of(Tag.PatientBirthTime, PATIENT, "patient_birth_time", TIME),
      of(Tag.PatientSex, PATIENT, "patient_sex", TEXT),
      of(Tag.EthnicGroup, PATIENT, "ethnic_group", TEXT),
      of(Tag.PatientComments, PATIENT, "patient_comments", TEXT),
      of(Tag.PatientSpeciesDescription, PATIENT, "species_description", TEXT),
      inSequence(Tag.PatientSpeciesCodeSequence, Tag.CodeValue, PATIENT, "species_code", TEXT),

      of(Tag.StudyInstanceUID, STUDY, "study_instance_uid", UID),
      of(Tag.StudyDate, STUDY, "study_date", DATE),
      of(Tag.StudyTime, STUDY, "study_time", TIME),
      of(Tag.AccessionNumber, STUDY, "accession_number", TEXT),
      of(Tag.ReferringPhysicianName, STUDY, "referring_physician_name", PERSON_NAME),
      of(Tag.StudyID, STUDY, "study_id", TEXT),
      of(Tag.StudyDescription, STUDY, "study_description", TEXT),
      of(Tag.PatientAge, STUDY, "patient_age", TEXT),
      of(Tag.AdmittingDiagnosesDescription, STUDY, "admitting_diagnoses_description", TEXT),
      of(Tag.LongitudinalTemporalEventType, STUDY, "longitudinal_temporal_event_type", TEXT),
      of(Tag.LongitudinalTemporalOffsetFromEvent, STUDY,
          "longitudinal_temporal_offset_from_event", DECIMAL),

      of(Tag.SeriesInstanceUID, SERIES, "series_instance_uid", UID),
      of(Tag.Modality, SERIES, "modality", TEXT),
      of(Tag.SeriesNumber, SERIES, "series_number", INTEGER),
      of(Tag.SeriesDescription, SERIES, "series_description", TEXT),
      of(Tag.SeriesDate, SERIES, "series_date", DATE),
      of(Tag.SeriesTime, SERIES, "series_time", TIME),
      of(Tag.BodyPartExamined, SERIES, "body_part_examined", TEXT),
      of(Tag.Laterality, SERIES, "laterality", TEXT),
      of(Tag.ProtocolName, SERIES, "protocol_name", TEXT),
      of(Tag.Manufacturer, SERIES, "manufacturer", TEXT),
      of(Tag.ManufacturerModelName, SERIES, "manufacturer_model_name", TEXT),
      of(Tag.SoftwareVersions, SERIES, "software_versions", TEXT),
      of(Tag.InstitutionName, SERIES, "institution_name", TEXT),
      of(Tag.StationName, SERIES, "station_name", TEXT),
      of(Tag.PerformedProcedureStepStartDate, SERIES, "performed_procedure_step_start_date", DATE),
      of(Tag.PerformedProcedureStepStartTime, SERIES, "performed_procedure_step_start_time", TIME),
      inSequence(Tag.RequestAttributesSequence, Tag.ScheduledProcedureStepID, SERIES,
          "scheduled_procedure_step_ids", TEXT_LIST),
      inSequence(Tag.RequestAttributesSequence, Tag.RequestedProcedureID, SERIES,
          "requested_procedure_ids", TEXT_LIST),
      of(Tag.FrameOfReferenceUID, SERIES, "frame_of_reference_uid", UID),
      of(Tag.SliceThickness, SERIES, "slice_thickness", DECIMAL),
      of(Tag.PixelSpacing, SERIES, "pixel_spacing_row", DECIMAL),

      of(Tag.SOPInstanceUID, INSTANCE, "sop_instance_uid", UID),
      of(Tag.SOPClassUID, INSTANCE, "sop_class_uid", UID),
      of(Tag.InstanceNumber, INSTANCE, "instance_number", INTEGER),
      of(Tag.ContentDate, INSTANCE, "content_date", DATE),
      of(Tag.ContentTime, INSTANCE, "content_time", TIME),
      of(Tag.Rows, INSTANCE, "rows", INTEGER),
      of(Tag.Columns, INSTANCE, "columns", INTEGER),
      of(Tag.BitsAllocated, INSTANCE, "bits_allocated", INTEGER),
      of(Tag.NumberOfFrames, INSTANCE, "number_of_frames", INTEGER));

  private static final Map<Integer, IndexedAttribute> TOP_LEVEL = new HashMap<>();

  static {
    for (IndexedAttribute a : ATTRIBUTES) {
      if (a.sequence() == 0) {
        TOP_LEVEL.put(a.tag(), a);
      }
    }
  }

  private IndexCatalog() {}

  /** The column of a top-level attribute, if it has one. */
  public static Optional<IndexedAttribute> column(int tag) {
    return Optional.ofNullable(TOP_LEVEL.get(tag));
  }

  /** The columns of one table, in catalogue order. */
  public static List<IndexedAttribute> columnsOf(QueryLevel level) {
    return ATTRIBUTES.stream().filter(a -> a.level() == level).toList();
  }
}
