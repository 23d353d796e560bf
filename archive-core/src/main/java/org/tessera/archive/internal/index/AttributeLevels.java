package org.tessera.archive.internal.index;

import java.util.Arrays;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Tag;

/**
 * Which level of the hierarchy a top-level attribute describes, after the modules of PS3.3
 * (Patient, Clinical Trial Subject; General Study, Patient Study, Clinical Trial Study; General
 * Series, Clinical Trial Series, Frame of Reference, General Equipment). Each level's row keeps
 * its attributes as DICOM JSON; an instance keeps all of them.
 */
public final class AttributeLevels {
  /** Group 0010 attributes that belong to the study (Patient Study module) or the series. */
  private static final int[] PATIENT_GROUP_STUDY = sorted(
      Tag.PatientAge, Tag.PatientSize, Tag.PatientWeight, Tag.PatientSizeCodeSequence,
      Tag.Occupation, Tag.AdditionalPatientHistory, Tag.PregnancyStatus,
      Tag.LastMenstrualDate, Tag.SmokingStatus, 0x00101022 /* PatientBodyMassIndex */);

  private static final int[] STUDY = sorted(
      Tag.StudyInstanceUID, Tag.StudyDate, Tag.StudyTime, Tag.AccessionNumber,
      Tag.IssuerOfAccessionNumberSequence, Tag.ReferringPhysicianName,
      Tag.ReferringPhysicianAddress, Tag.ReferringPhysicianTelephoneNumbers,
      Tag.ReferringPhysicianIdentificationSequence, Tag.StudyID, Tag.StudyDescription,
      Tag.ProcedureCodeSequence, Tag.PhysiciansOfRecord,
      Tag.PhysiciansOfRecordIdentificationSequence, Tag.NameOfPhysiciansReadingStudy,
      Tag.PhysiciansReadingStudyIdentificationSequence, Tag.ReferencedStudySequence,
      Tag.AdmittingDiagnosesDescription, Tag.AdmittingDiagnosesCodeSequence,
      Tag.ModalitiesInStudy, Tag.SOPClassesInStudy, Tag.NumberOfStudyRelatedSeries,
      Tag.NumberOfStudyRelatedInstances, Tag.ClinicalTrialTimePointID,
      Tag.ClinicalTrialTimePointDescription, Tag.LongitudinalTemporalOffsetFromEvent,
      Tag.LongitudinalTemporalEventType, Tag.ConsentForClinicalTrialUseSequence,
      Tag.AdmissionID, Tag.ReasonForVisit, Tag.ReasonForVisitCodeSequence);

  private static final int[] SERIES = sorted(
      Tag.SeriesInstanceUID, Tag.Modality, Tag.SeriesNumber, Tag.SeriesDescription,
      Tag.SeriesDescriptionCodeSequence, Tag.SeriesDate, Tag.SeriesTime, Tag.Laterality,
      Tag.BodyPartExamined, Tag.ProtocolName, Tag.PerformingPhysicianName,
      Tag.PerformingPhysicianIdentificationSequence, Tag.OperatorsName,
      Tag.OperatorIdentificationSequence, Tag.ReferencedPerformedProcedureStepSequence,
      Tag.RelatedSeriesSequence, Tag.PatientPosition, Tag.AnatomicalOrientationType,
      Tag.PerformedProcedureStepStartDate, Tag.PerformedProcedureStepStartTime,
      Tag.PerformedProcedureStepEndDate, Tag.PerformedProcedureStepEndTime,
      Tag.PerformedProcedureStepID, Tag.PerformedProcedureStepDescription,
      Tag.PerformedProtocolCodeSequence, Tag.RequestAttributesSequence,
      Tag.SmallestPixelValueInSeries, Tag.LargestPixelValueInSeries,
      Tag.NumberOfSeriesRelatedInstances, Tag.FrameOfReferenceUID,
      Tag.PositionReferenceIndicator, Tag.Manufacturer, Tag.InstitutionName,
      Tag.InstitutionAddress, Tag.StationName, Tag.InstitutionalDepartmentName,
      Tag.ManufacturerModelName, Tag.DeviceSerialNumber, Tag.SoftwareVersions,
      Tag.SpatialResolution, Tag.DateOfLastCalibration, Tag.TimeOfLastCalibration,
      Tag.ClinicalTrialCoordinatingCenterName, Tag.ClinicalTrialSeriesID,
      Tag.ClinicalTrialSeriesDescription);

  private AttributeLevels() {}

  /** Tags as a sorted array: asked for every attribute of every instance, so no boxing. */
  private static int[] sorted(int... tags) {
    int[] sorted = tags.clone();
    Arrays.sort(sorted);
    return sorted;
  }

  private static boolean contains(int[] sortedTags, int tag) {
    return Arrays.binarySearch(sortedTags, tag) >= 0;
  }

  /** The level {@code tag} describes; anything not known above the instance is INSTANCE. */
  public static QueryLevel levelOf(int tag) {
    if (contains(STUDY, tag) || contains(PATIENT_GROUP_STUDY, tag)) {
      return QueryLevel.STUDY;
    }
    if (contains(SERIES, tag)) {
      return QueryLevel.SERIES;
    }
    int group = tag >>> 16;
    if (group == 0x0010) {
      return QueryLevel.PATIENT;
    }
    // Clinical Trial Subject module and de-identification (Patient module)
    if (group == 0x0012 && (tag & 0xFFFF) <= 0x0042 || tag == Tag.PatientIdentityRemoved
        || tag == Tag.DeidentificationMethod || tag == Tag.DeidentificationMethodCodeSequence) {
      return QueryLevel.PATIENT;
    }
    return QueryLevel.INSTANCE;
  }
}
