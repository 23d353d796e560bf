package org.tessera.archive.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tessera.archive.query.QueryTestData.ARCHIVE;
import static org.tessera.archive.query.QueryTestData.values;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.security.AccessFilter;
import org.tessera.dicom.data.Tag;

/** Matching of every kind of key (PS3.4 C.2.2.2) against the index of {@link QueryTestData}. */
class QueryMatchingTest extends QueryIndexTest {
  private List<String> studies(MatchKey... keys) {
    return find(QueryLevel.STUDY, false, keys, Tag.StudyInstanceUID);
  }

  private List<String> find(QueryLevel level, boolean fuzzy, MatchKey[] keys, int uidTag) {
    Query q = Query.of(ARCHIVE, level, AccessFilter.all()).withKeys(List.of(keys))
        .withFuzzyNames(fuzzy);
    return values(service.find(q).await(), uidTag);
  }

  private static MatchKey key(int tag, String... values) {
    return MatchKey.of(tag, values);
  }

  @Test
  void textSingleValueIsExactAndCaseSensitive() {
    assertThat(studies(key(Tag.AccessionNumber, "A1"))).containsExactly("1.1");
    assertThat(studies(key(Tag.StudyDescription, "ct chest"))).isEmpty();
    assertThat(studies(key(Tag.StudyDescription, " CT Chest "))).containsExactly("1.1");
  }

  @Test
  void textWildcards() {
    assertThat(studies(key(Tag.StudyDescription, "CT*"))).containsExactly("1.3", "1.1");
    assertThat(studies(key(Tag.StudyDescription, "*Brain"))).containsExactly("1.2");
    assertThat(studies(key(Tag.StudyDescription, "?R Brain"))).containsExactly("1.2");
    assertThat(studies(key(Tag.StudyDescription, "*"))).hasSize(5);
  }

  @Test
  void likeCharactersInValuesAreLiteral() {
    assertThat(studies(key(Tag.AccessionNumber, "A3%"))).containsExactly("1.3");
    assertThat(studies(key(Tag.AccessionNumber, "A%"))).isEmpty();
    assertThat(studies(key(Tag.AccessionNumber, "A?%"))).containsExactly("1.3");
    assertThat(studies(key(Tag.AccessionNumber, "A%*"))).isEmpty();
    assertThat(studies(key(Tag.StudyDescription, "Scanned_film"))).containsExactly("1.5");
    assertThat(studies(key(Tag.StudyDescription, "Scanned_*"))).containsExactly("1.5");
    // '_' would match any character if it were not escaped
    assertThat(studies(key(Tag.StudyDescription, "CT_Chest"))).isEmpty();
    assertThat(studies(key(Tag.StudyDescription, "CT\\*"))).isEmpty();
  }

  @Test
  void severalTextValuesMatchAnyOfThem() {
    MatchKey modalities = key(Tag.Modality, "MR", "PT", "OT");
    assertThat(find(QueryLevel.SERIES, false, new MatchKey[] {modalities},
        Tag.SeriesInstanceUID)).containsExactlyInAnyOrder("1.2.1", "1.3.2", "1.4.1", "1.5.1");
    MatchKey mixed = key(Tag.StudyDescription, "MR Knee", "CT*");
    assertThat(studies(mixed)).containsExactly("1.3", "1.1", "1.4");
  }

  @Test
  void personNamesMatchIgnoringCase() {
    assertThat(studies(key(Tag.PatientName, "doe^john"))).containsExactly("1.1", "1.2");
    assertThat(studies(key(Tag.PatientName, "DOE^JANE"))).containsExactly("1.3", "1.5");
    assertThat(studies(key(Tag.PatientName, "doe*"))).containsExactly("1.3", "1.1", "1.2", "1.5");
    assertThat(studies(key(Tag.PatientName, "doe?john"))).containsExactly("1.1", "1.2");
    assertThat(studies(key(Tag.PatientName, "doe_john"))).isEmpty();
    assertThat(studies(key(Tag.ReferringPhysicianName, "house*"))).containsExactly("1.1");
  }

  @Test
  void fuzzyNamesMatchThePrefixOfAnyComponent() {
    MatchKey hel = key(Tag.PatientName, "hel");
    assertThat(find(QueryLevel.PATIENT, true, new MatchKey[] {hel}, Tag.PatientID))
        .containsExactly("P3");
    assertThat(find(QueryLevel.PATIENT, false, new MatchKey[] {hel}, Tag.PatientID)).isEmpty();
    MatchKey ja = key(Tag.PatientName, "Ja");
    assertThat(find(QueryLevel.PATIENT, true, new MatchKey[] {ja}, Tag.PatientID))
        .containsExactly("P2");
    MatchKey doe = key(Tag.PatientName, "DO");
    assertThat(find(QueryLevel.PATIENT, true, new MatchKey[] {doe}, Tag.PatientID))
        .containsExactly("P2", "P1");
    // a prefix only: "elsing" is inside a component
    MatchKey inside = key(Tag.PatientName, "elsing");
    assertThat(find(QueryLevel.PATIENT, true, new MatchKey[] {inside}, Tag.PatientID)).isEmpty();
  }

  @Test
  void uidSingleValueAndList() {
    assertThat(studies(key(Tag.StudyInstanceUID, "1.3"))).containsExactly("1.3");
    assertThat(studies(MatchKey.parse(Tag.StudyInstanceUID, "1.2\\1.4\\9.9")))
        .containsExactly("1.2", "1.4");
    assertThat(studies(key(Tag.StudyInstanceUID, "1.*"))).isEmpty();
  }

  @Test
  void dateSingleValueAndRanges() {
    assertThat(studies(key(Tag.StudyDate, "20240115"))).containsExactly("1.3", "1.1");
    assertThat(studies(key(Tag.StudyDate, "20230101-20231231"))).containsExactly("1.2");
    assertThat(studies(key(Tag.StudyDate, "20230601-"))).containsExactly("1.3", "1.1", "1.2");
    assertThat(studies(key(Tag.StudyDate, "-20230601"))).containsExactly("1.2", "1.4");
    assertThat(studies(key(Tag.StudyDate, "2022.03.10"))).containsExactly("1.4");
    assertThat(studies(key(Tag.StudyDate, "2022.01.01-2023.12.31")))
        .containsExactly("1.2", "1.4");
    assertThat(studies(key(Tag.StudyDate, "20220310", "20230601"))).containsExactly("1.2", "1.4");
    assertThat(find(QueryLevel.PATIENT, false,
        new MatchKey[] {key(Tag.PatientBirthDate, "-19751231")}, Tag.PatientID))
        .containsExactly("P1", "P3");
  }

  @Test
  void timeRangesExtendPartialUpperBoundsToTheEndOfTheirUnit() {
    assertThat(studies(key(Tag.StudyTime, "10"))).containsExactly("1.1");
    assertThat(studies(key(Tag.StudyTime, "1000-1015"))).containsExactly("1.1");
    assertThat(studies(key(Tag.StudyTime, "1000-1014"))).isEmpty();
    assertThat(studies(key(Tag.StudyTime, "-09"))).containsExactly("1.2");
    assertThat(studies(key(Tag.StudyTime, "14:30"))).containsExactly("1.3");
    assertThat(studies(key(Tag.StudyTime, "143000.250-"))).containsExactly("1.3");
    assertThat(studies(key(Tag.StudyTime, "143000.26-"))).isEmpty();
    assertThat(studies(key(Tag.StudyTime, "08:30"))).containsExactly("1.2");
  }

  @Test
  void integersAndDecimalsMatchNumerically() {
    MatchKey two = key(Tag.SeriesNumber, "2");
    assertThat(find(QueryLevel.SERIES, false, new MatchKey[] {two}, Tag.SeriesInstanceUID))
        .containsExactlyInAnyOrder("1.1.2", "1.3.1");
    MatchKey ct = key(Tag.Modality, "CT");
    MatchKey list = MatchKey.parse(Tag.SeriesNumber, "1\\2");
    assertThat(find(QueryLevel.SERIES, false, new MatchKey[] {ct, list}, Tag.SeriesInstanceUID))
        .containsExactlyInAnyOrder("1.1.1", "1.3.1", "1.3.3");
    MatchKey thickness = key(Tag.SliceThickness, "2.50");
    assertThat(find(QueryLevel.SERIES, false, new MatchKey[] {thickness},
        Tag.SeriesInstanceUID)).containsExactly("1.1.1");
    assertThat(studies(key(Tag.LongitudinalTemporalOffsetFromEvent, "1.25e1")))
        .containsExactly("1.1");
    MatchKey rows = key(Tag.InstanceNumber, "3");
    assertThat(find(QueryLevel.INSTANCE, false, new MatchKey[] {rows}, Tag.SOPInstanceUID))
        .containsExactly("1.1.1.1");
  }

  @Test
  void valuesInSequenceItemsMatchAnyItem() {
    MatchKey sps = MatchKey.inSequence(Tag.RequestAttributesSequence,
        Tag.ScheduledProcedureStepID, "SPS2");
    MatchKey[] keys = {sps};
    assertThat(find(QueryLevel.SERIES, false, keys, Tag.SeriesInstanceUID))
        .containsExactly("1.1.1");
    keys[0] = MatchKey.inSequence(Tag.RequestAttributesSequence, Tag.RequestedProcedureID,
        "RP*");
    assertThat(find(QueryLevel.SERIES, false, keys, Tag.SeriesInstanceUID))
        .containsExactly("1.1.1");
    keys[0] = MatchKey.inSequence(Tag.RequestAttributesSequence, Tag.ScheduledProcedureStepID,
        "X", "SPS1");
    assertThat(find(QueryLevel.SERIES, false, keys, Tag.SeriesInstanceUID))
        .containsExactly("1.1.1");
    keys[0] = MatchKey.inSequence(Tag.RequestAttributesSequence, Tag.ScheduledProcedureStepID,
        "SPS3");
    assertThat(find(QueryLevel.SERIES, false, keys, Tag.SeriesInstanceUID)).isEmpty();
  }

  @Test
  void modalitiesInStudyMatchesAnyListedModality() {
    assertThat(studies(key(Tag.ModalitiesInStudy, "MR"))).containsExactly("1.2", "1.4");
    assertThat(studies(MatchKey.parse(Tag.ModalitiesInStudy, "SR\\PT")))
        .containsExactly("1.3", "1.1");
    assertThat(studies(key(Tag.SOPClassesInStudy, QueryTestData.SC))).containsExactly("1.5");
  }

  @Test
  void keysOfLevelsAboveMatchRelationally() {
    MatchKey name = key(Tag.PatientName, "Doe^John");
    assertThat(find(QueryLevel.SERIES, false, new MatchKey[] {name}, Tag.SeriesInstanceUID))
        .containsExactly("1.1.1", "1.2.1", "1.1.2");
    MatchKey[] keys = {key(Tag.StudyDate, "20240115"), key(Tag.Modality, "CT"),
        key(Tag.PatientSex, "F")};
    assertThat(find(QueryLevel.INSTANCE, false, keys, Tag.SOPInstanceUID))
        .containsExactlyInAnyOrder("1.3.1.1", "1.3.3.1");
  }

  @Test
  void universalKeysMatchEverything() {
    assertThat(studies(MatchKey.universal(Tag.StudyDate), key(Tag.AccessionNumber, ""),
        MatchKey.parse(Tag.PatientName, null))).hasSize(5);
    // a return key of a lower level asks for nothing the level has: ignored
    assertThat(studies(MatchKey.universal(Tag.SOPInstanceUID))).hasSize(5);
  }

  @Test
  void aValuedKeyOfALowerLevelIsAnInvalidRequest() {
    assertThatThrownBy(() -> studies(key(Tag.Modality, "CT")))
        .isInstanceOfSatisfying(ArchiveException.class, e -> {
          assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST);
          assertThat(e.offendingTags()).containsExactly(Tag.Modality);
        })
        .hasMessage("Modality (0008,0060) is a SERIES attribute: it cannot be matched in a STUDY"
            + " query");
  }

  @Test
  void malformedValuesAreInvalidRequests() {
    assertThatThrownBy(() -> studies(key(Tag.StudyDate, "2024-01-15")))
        .isInstanceOfSatisfying(ArchiveException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST))
        .hasMessageContaining("StudyDate (0008,0020)");
    assertThatThrownBy(() -> studies(key(Tag.StudyTime, "25h")))
        .isInstanceOf(ArchiveException.class).hasMessageContaining("StudyTime");
    assertThatThrownBy(() -> studies(key(Tag.StudyDate, "-")))
        .isInstanceOf(ArchiveException.class).hasMessageContaining("StudyDate");
    assertThatThrownBy(() -> find(QueryLevel.SERIES, false,
        new MatchKey[] {key(Tag.SeriesNumber, "two")}, Tag.SeriesInstanceUID))
        .isInstanceOf(ArchiveException.class)
        .hasMessage("SeriesNumber (0020,0011): \"two\" is not an integer");
    assertThatThrownBy(() -> find(QueryLevel.SERIES, false,
        new MatchKey[] {key(Tag.SliceThickness, "NaN")}, Tag.SeriesInstanceUID))
        .isInstanceOf(ArchiveException.class).hasMessageContaining("decimal");
  }

  @Test
  void keysWithoutColumnsAreReportedAndIgnored() {
    Query q = Query.of(ARCHIVE, QueryLevel.STUDY, AccessFilter.all())
        .withKey(Tag.OtherPatientIDs, "X")
        .withKey(Tag.PatientWeight)
        .withKey(Tag.SpecificCharacterSet, "ISO_IR 100")
        .withKey(Tag.QueryRetrieveLevel, "STUDY");
    QueryResult result = service.find(q).await();
    assertThat(result.unsupportedKeys()).containsExactly(Tag.OtherPatientIDs);
    assertThat(result.matches()).hasSize(5);
  }

  @Test
  void valuesThatLookLikeSqlAreData() {
    assertThat(studies(key(Tag.PatientName, "x' OR '1'='1"))).isEmpty();
    assertThat(studies(key(Tag.StudyDescription, "'; DROP TABLE study; --"))).isEmpty();
    assertThat(studies(key(Tag.StudyInstanceUID, "1.1') OR ('1'='1"))).isEmpty();
    assertThat(studies(key(Tag.AccessionNumber, "A1\" OR 1=1 --*"))).isEmpty();
    assertThat(studies()).hasSize(5);
  }
}
