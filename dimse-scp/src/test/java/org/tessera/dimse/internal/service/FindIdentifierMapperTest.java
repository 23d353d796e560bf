package org.tessera.dimse.internal.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tessera.dimse.internal.service.QueryRetrieveModel.PATIENT_ROOT;
import static org.tessera.dimse.internal.service.QueryRetrieveModel.STUDY_ROOT;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.security.AccessFilter;
import org.tessera.archive.query.MatchKey;
import org.tessera.archive.query.Query;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.TransferSyntax;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.dict.ElementDictionary;
import org.tessera.dicom.io.DicomReader;
import org.tessera.dicom.io.DicomWriter;
import org.tessera.dicom.io.ReadOptions;

/** C-FIND identifiers to queries and matches to response identifiers (PS3.4 C.4.1, C.2.2.2). */
class FindIdentifierMapperTest {

  /** Tag, value, tag, value ...: each with its dictionary VR; null is a zero-length value. */
  private static Attributes identifier(Object... tagsAndValues) {
    Attributes a = new Attributes();
    for (int i = 0; i < tagsAndValues.length; i += 2) {
      int tag = (Integer) tagsAndValues[i];
      VR vr = ElementDictionary.standard().vrOf(tag);
      String value = (String) tagsAndValues[i + 1];
      if (value == null) {
        a.setNull(tag, vr);
      } else {
        a.setString(tag, vr, value);
      }
    }
    return a;
  }

  private static Query query(QueryRetrieveModel model, Object... tagsAndValues) {
    return FindIdentifierMapper.toQuery(model, identifier(tagsAndValues), "research",
        AccessFilter.all()).query();
  }

  private static MatchKey key(Query q, int tag) {
    return q.keys().stream().filter(k -> k.tag() == tag && k.sequence() == 0).findFirst()
        .orElseThrow(() -> new AssertionError("no key " + Tag.toString(tag)));
  }

  private static void assertRefused(QueryRetrieveModel model, Problem problem, int offending,
      String message, Object... tagsAndValues) {
    assertThatThrownBy(() -> query(model, tagsAndValues))
        .isInstanceOfSatisfying(ArchiveException.class, e -> {
          assertThat(e.problem()).isEqualTo(problem);
          assertThat(e.offendingTags()).containsExactly(offending);
          assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(64);
        })
        .hasMessage(message);
  }

  @Test
  void patientRootPatientLevel() {
    Query q = query(PATIENT_ROOT, Tag.QueryRetrieveLevel, "PATIENT", Tag.PatientName, "DOE*",
        Tag.PatientID, null, Tag.PatientBirthDate, "19700101-19851231",
        Tag.NumberOfPatientRelatedStudies, null, Tag.SpecificCharacterSet, "ISO_IR 100");
    assertThat(q.level()).isEqualTo(QueryLevel.PATIENT);
    assertThat(q.archive()).isEqualTo("research"); // the called AE title's
    assertThat(q.access().unrestricted()).isTrue();
    assertThat(key(q, Tag.PatientName).values()).containsExactly("DOE*");
    assertThat(key(q, Tag.PatientID).isUniversal()).isTrue();
    assertThat(key(q, Tag.PatientBirthDate).values()).containsExactly("19700101-19851231");
    assertThat(q.keys()).extracting(MatchKey::tag)
        .doesNotContain(Tag.QueryRetrieveLevel, Tag.SpecificCharacterSet);
    assertThat(q.returnTags()).containsExactlyInAnyOrder(Tag.PatientName, Tag.PatientID,
        Tag.PatientBirthDate, Tag.NumberOfPatientRelatedStudies);
  }

  @Test
  void patientRootLowerLevelsNeedTheUniqueKeyOfEachLevelAbove() {
    assertThat(query(PATIENT_ROOT, Tag.QueryRetrieveLevel, "STUDY", Tag.PatientID, "P1",
        Tag.StudyDate, "20240101-").level()).isEqualTo(QueryLevel.STUDY);
    assertRefused(PATIENT_ROOT, Problem.MISSING_ATTRIBUTE, Tag.PatientID,
        "PatientID (0010,0020) missing: unique key above STUDY",
        Tag.QueryRetrieveLevel, "STUDY", Tag.PatientName, "Doe^John", Tag.StudyDate, null);

    Query series = query(PATIENT_ROOT, Tag.QueryRetrieveLevel, "SERIES", Tag.PatientID, "P1",
        Tag.StudyInstanceUID, "1.2", Tag.Modality, "CT");
    assertThat(series.level()).isEqualTo(QueryLevel.SERIES);
    assertThat(key(series, Tag.StudyInstanceUID).values()).containsExactly("1.2");
    assertRefused(PATIENT_ROOT, Problem.MISSING_ATTRIBUTE, Tag.StudyInstanceUID,
        "StudyInstanceUID (0020,000D) missing: unique key above SERIES",
        Tag.QueryRetrieveLevel, "SERIES", Tag.PatientID, "P1", Tag.Modality, null);

    Query image = query(PATIENT_ROOT, Tag.QueryRetrieveLevel, "IMAGE", Tag.PatientID, "P1",
        Tag.StudyInstanceUID, "1.2", Tag.SeriesInstanceUID, "1.2.3", Tag.SOPInstanceUID, null);
    assertThat(image.level()).isEqualTo(QueryLevel.INSTANCE);
    assertRefused(PATIENT_ROOT, Problem.MISSING_ATTRIBUTE, Tag.SeriesInstanceUID,
        "SeriesInstanceUID (0020,000E) missing: unique key above IMAGE",
        Tag.QueryRetrieveLevel, "IMAGE", Tag.PatientID, "P1", Tag.StudyInstanceUID, "1.2",
        Tag.SeriesInstanceUID, null);
  }

  @Test
  void studyRootStudyLevelHasThePatientsAttributesAndNeedsNoKeyAbove() {
    Query q = query(STUDY_ROOT, Tag.QueryRetrieveLevel, "STUDY", Tag.PatientName, "Doe^J?hn",
        Tag.PatientID, null, Tag.StudyInstanceUID, null, Tag.ModalitiesInStudy, "CT\\MR",
        Tag.NumberOfStudyRelatedInstances, null);
    assertThat(q.level()).isEqualTo(QueryLevel.STUDY);
    assertThat(key(q, Tag.PatientName).values()).containsExactly("Doe^J?hn");
    assertThat(key(q, Tag.ModalitiesInStudy).values()).containsExactly("CT", "MR");
    assertThat(key(q, Tag.StudyInstanceUID).isUniversal()).isTrue();
  }

  @Test
  void studyRootLowerLevels() {
    Query series = query(STUDY_ROOT, Tag.QueryRetrieveLevel, "SERIES",
        Tag.StudyInstanceUID, "1.2", Tag.SeriesInstanceUID, "1.2.3\\1.2.4", Tag.SeriesDate,
        "20240101-20240131");
    assertThat(series.level()).isEqualTo(QueryLevel.SERIES);
    assertThat(key(series, Tag.SeriesInstanceUID).values()).containsExactly("1.2.3", "1.2.4");
    assertThat(key(series, Tag.SeriesDate).values()).containsExactly("20240101-20240131");
    assertRefused(STUDY_ROOT, Problem.MISSING_ATTRIBUTE, Tag.StudyInstanceUID,
        "StudyInstanceUID (0020,000D) missing: unique key above SERIES",
        Tag.QueryRetrieveLevel, "SERIES", Tag.Modality, "CT");

    Query image = query(STUDY_ROOT, Tag.QueryRetrieveLevel, "IMAGE", Tag.StudyInstanceUID, "1.2",
        Tag.SeriesInstanceUID, "1.2.3", Tag.InstanceNumber, "2", Tag.SOPClassUID, null);
    assertThat(image.level()).isEqualTo(QueryLevel.INSTANCE);
    assertThat(key(image, Tag.InstanceNumber).values()).containsExactly("2");
    // the study's unique key is needed even though the series' names the study
    assertRefused(STUDY_ROOT, Problem.MISSING_ATTRIBUTE, Tag.StudyInstanceUID,
        "StudyInstanceUID (0020,000D) missing: unique key above IMAGE",
        Tag.QueryRetrieveLevel, "IMAGE", Tag.SeriesInstanceUID, "1.2.3");
  }

  @Test
  void studyRootHasNoPatientLevel() {
    assertRefused(STUDY_ROOT, Problem.DATASET_MISMATCH, Tag.QueryRetrieveLevel,
        "Study Root has no PATIENT level (PS3.4 C.3.2)",
        Tag.QueryRetrieveLevel, "PATIENT", Tag.PatientID, null);
  }

  @Test
  void theLevelMustBeGivenAndKnown() {
    assertRefused(PATIENT_ROOT, Problem.MISSING_ATTRIBUTE, Tag.QueryRetrieveLevel,
        "QueryRetrieveLevel (0008,0052) is missing", Tag.PatientID, null);
    assertRefused(PATIENT_ROOT, Problem.MISSING_ATTRIBUTE, Tag.QueryRetrieveLevel,
        "QueryRetrieveLevel (0008,0052) is missing", Tag.QueryRetrieveLevel, null);
    assertRefused(STUDY_ROOT, Problem.INVALID_ATTRIBUTE, Tag.QueryRetrieveLevel,
        "QueryRetrieveLevel \"INSTANCE\" is unknown", Tag.QueryRetrieveLevel, "INSTANCE");
    assertRefused(STUDY_ROOT, Problem.INVALID_ATTRIBUTE, Tag.QueryRetrieveLevel,
        "QueryRetrieveLevel (0008,0052) has several values",
        Tag.QueryRetrieveLevel, "STUDY\\SERIES");
  }

  @Test
  void uniqueKeysAboveTheLevelAreSingleValues() {
    assertRefused(STUDY_ROOT, Problem.INVALID_ATTRIBUTE, Tag.StudyInstanceUID,
        "StudyInstanceUID (0020,000D) must be one value above SERIES",
        Tag.QueryRetrieveLevel, "SERIES", Tag.StudyInstanceUID, "1.2\\1.3");
    assertRefused(PATIENT_ROOT, Problem.INVALID_ATTRIBUTE, Tag.PatientID,
        "PatientID (0010,0020) must be one value above STUDY",
        Tag.QueryRetrieveLevel, "STUDY", Tag.PatientID, "P*");
  }

  @Test
  void keysBelowTheLevelAreRefusedReturnKeysToo() {
    assertRefused(STUDY_ROOT, Problem.DATASET_MISMATCH, Tag.Modality,
        "Modality (0008,0060) is below the STUDY level",
        Tag.QueryRetrieveLevel, "STUDY", Tag.Modality, "CT");
    assertRefused(STUDY_ROOT, Problem.DATASET_MISMATCH, Tag.SOPInstanceUID,
        "SOPInstanceUID (0008,0018) is below the SERIES level",
        Tag.QueryRetrieveLevel, "SERIES", Tag.StudyInstanceUID, "1.2", Tag.SOPInstanceUID, null);
    assertRefused(PATIENT_ROOT, Problem.DATASET_MISMATCH, Tag.StudyDate,
        "StudyDate (0008,0020) is below the PATIENT level",
        Tag.QueryRetrieveLevel, "PATIENT", Tag.StudyDate, null);
  }

  @Test
  void attributesOfAnyLevelAndGroupLengthsAreNoLevelsKeys() {
    Query q = query(STUDY_ROOT, Tag.QueryRetrieveLevel, "STUDY", Tag.RetrieveAETitle, null,
        Tag.InstanceAvailability, null, Tag.TimezoneOffsetFromUTC, null);
    assertThat(q.keys()).extracting(MatchKey::tag)
        .containsExactlyInAnyOrder(Tag.InstanceAvailability, Tag.TimezoneOffsetFromUTC);
    Attributes withGroupLength = identifier(Tag.QueryRetrieveLevel, "STUDY");
    withGroupLength.setInt(0x00080000, VR.UL, 12);
    assertThat(FindIdentifierMapper.toQuery(STUDY_ROOT, withGroupLength, "default",
        AccessFilter.all()).query().keys()).isEmpty();
  }

  @Test
  void privateKeysAreNeitherMatchedNorReturned() {
    Attributes id = identifier(Tag.QueryRetrieveLevel, "STUDY", Tag.StudyInstanceUID, null);
    id.setString(0x00130010, VR.LO, "CTP");
    id.setString(0x00131010, VR.LO, "TCGA");
    FindQuery find = FindIdentifierMapper.toQuery(STUDY_ROOT, id, "default", AccessFilter.all());
    assertThat(find.query().keys()).extracting(MatchKey::tag)
        .containsExactly(Tag.StudyInstanceUID);
    assertThat(find.unsupported(List.of())).containsExactlyInAnyOrder(0x00130010, 0x00131010);
  }

  @Test
  void aSequenceKeyMatchesOnItsItemsAttributes() {
    Attributes id = identifier(Tag.QueryRetrieveLevel, "SERIES", Tag.StudyInstanceUID, "1.2");
    id.newSequence(Tag.RequestAttributesSequence, 1).add(identifier(
        Tag.ScheduledProcedureStepID, "SPS*", Tag.RequestedProcedureID, null));
    id.newSequence(Tag.ReferencedPerformedProcedureStepSequence, 0);
    FindQuery find = FindIdentifierMapper.toQuery(STUDY_ROOT, id, "default", AccessFilter.all());
    assertThat(find.query().keys()).contains(
        MatchKey.inSequence(Tag.RequestAttributesSequence, Tag.ScheduledProcedureStepID, "SPS*"),
        MatchKey.universal(Tag.ReferencedPerformedProcedureStepSequence));
    assertThat(find.query().returnTags()).contains(Tag.RequestAttributesSequence,
        Tag.ReferencedPerformedProcedureStepSequence);
    // the engine names an item's key by its own tag: it stands for its sequence
    assertThat(find.unsupported(List.of(Tag.ScheduledProcedureStepID)))
        .containsExactly(Tag.RequestAttributesSequence);

    Attributes twoItems = identifier(Tag.QueryRetrieveLevel, "SERIES", Tag.StudyInstanceUID,
        "1.2");
    Sequence items = twoItems.newSequence(Tag.RequestAttributesSequence, 2);
    items.add(identifier(Tag.ScheduledProcedureStepID, "A"));
    items.add(identifier(Tag.ScheduledProcedureStepID, "B"));
    assertThatThrownBy(() -> FindIdentifierMapper.toQuery(STUDY_ROOT, twoItems, "default",
        AccessFilter.all()))
        .isInstanceOfSatisfying(ArchiveException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_ATTRIBUTE))
        .hasMessage("RequestAttributesSequence (0040,0275) has 2 items, not one");
  }

  @Test
  void keysDecodeInTheIdentifiersCharacterSet() throws IOException {
    Attributes id = identifier(Tag.SpecificCharacterSet, "ISO_IR 100",
        Tag.QueryRetrieveLevel, "PATIENT", Tag.PatientName, "Müller*");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new DicomWriter(bytes).writeDataset(id, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
    assertThat(bytes.toByteArray()).contains((byte) 0xFC); // ü in ISO 8859-1
    Attributes read;
    try (DicomReader reader = DicomReader.forDataset(new ByteArrayInputStream(
        bytes.toByteArray()), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, ReadOptions.DEFAULTS)) {
      read = reader.readDataset();
    }
    Query q = FindIdentifierMapper.toQuery(PATIENT_ROOT, read, "default", AccessFilter.all())
        .query();
    assertThat(key(q, Tag.PatientName).values()).containsExactly("Müller*");
  }

  @Test
  void aResponseHasExactlyTheRequestedKeysAndOurs() {
    FindQuery find = FindIdentifierMapper.toQuery(STUDY_ROOT, identifier(
        Tag.SpecificCharacterSet, "ISO_IR 100", Tag.QueryRetrieveLevel, "STUDY",
        Tag.PatientName, "DOE*", Tag.StudyInstanceUID, null, Tag.StudyDescription, null,
        Tag.AccessionNumber, null, Tag.OtherPatientIDs, "X", Tag.RetrieveAETitle, null),
        "default", AccessFilter.all());
    Attributes match = identifier(Tag.SpecificCharacterSet, "ISO_IR 100",
        Tag.PatientName, "Doe^John", Tag.PatientID, "P1", Tag.StudyInstanceUID, "1.1",
        Tag.StudyDescription, "CT Chest", Tag.OtherPatientIDs, "Y",
        Tag.InstanceAvailability, "ONLINE");
    Attributes rsp = FindIdentifierMapper.toResponse(find, match, Set.of(Tag.OtherPatientIDs),
        "TESSERA");
    assertThat(tags(rsp)).containsExactlyInAnyOrder(Tag.PatientName, Tag.StudyInstanceUID,
        Tag.StudyDescription, Tag.AccessionNumber, Tag.QueryRetrieveLevel, Tag.RetrieveAETitle);
    assertThat(tags(rsp)).doesNotContain(Tag.SpecificCharacterSet); // ASCII only
    assertThat(rsp.getString(Tag.PatientName)).isEqualTo("Doe^John");
    assertThat(rsp.contains(Tag.AccessionNumber)).isTrue();
    assertThat(rsp.getString(Tag.AccessionNumber)).isNull();
    assertThat(rsp.vrOf(Tag.AccessionNumber)).isEqualTo(VR.SH);
    assertThat(rsp.getString(Tag.QueryRetrieveLevel)).isEqualTo("STUDY");
    assertThat(rsp.getString(Tag.RetrieveAETitle)).isEqualTo("TESSERA");
  }

  @Test
  void aResponseWithTextBeyondAsciiIsUtf8() throws IOException {
    FindQuery find = FindIdentifierMapper.toQuery(PATIENT_ROOT, identifier(
        Tag.QueryRetrieveLevel, "PATIENT", Tag.PatientName, null, Tag.PatientID, null),
        "default", AccessFilter.all());
    Attributes rsp = FindIdentifierMapper.toResponse(find,
        identifier(Tag.PatientName, "山田^太郎", Tag.PatientID, "P3"), Set.of(), "TESSERA");
    assertThat(rsp.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 192");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new DicomWriter(bytes).writeDataset(rsp, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN);
    assertThat(new String(bytes.toByteArray(), java.nio.charset.StandardCharsets.UTF_8))
        .contains("山田^太郎");
  }

  @Test
  void aSequenceComesBackWithTheRequestItemsAttributesOnly() {
    Attributes id = identifier(Tag.QueryRetrieveLevel, "SERIES", Tag.StudyInstanceUID, "1.2");
    id.newSequence(Tag.RequestAttributesSequence, 1).add(identifier(
        Tag.ScheduledProcedureStepID, null, Tag.AccessionNumber, null));
    id.newSequence(Tag.ReferencedPerformedProcedureStepSequence, 0);
    FindQuery find = FindIdentifierMapper.toQuery(STUDY_ROOT, id, "default", AccessFilter.all());
    Attributes match = identifier(Tag.StudyInstanceUID, "1.2");
    Sequence stored = match.newSequence(Tag.RequestAttributesSequence, 2);
    stored.add(identifier(Tag.ScheduledProcedureStepID, "SPS1", Tag.RequestedProcedureID, "RP1"));
    stored.add(identifier(Tag.ScheduledProcedureStepID, "SPS2"));
    Attributes rsp = FindIdentifierMapper.toResponse(find, match, Set.of(), "TESSERA");
    Sequence items = rsp.getSequence(Tag.RequestAttributesSequence);
    assertThat(items).hasSize(2);
    assertThat(tags(items.get(0)))
        .containsExactly(Tag.AccessionNumber, Tag.ScheduledProcedureStepID);
    assertThat(items.get(1).getString(Tag.ScheduledProcedureStepID)).isEqualTo("SPS2");
    assertThat(rsp.getSequence(Tag.ReferencedPerformedProcedureStepSequence)).isEmpty();
  }

  private static List<Integer> tags(Attributes a) {
    List<Integer> tags = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      tags.add(a.tagAt(i));
    }
    return tags;
  }
}
