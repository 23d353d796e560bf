package org.tessera.archive.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.tessera.archive.query.QueryTestData.ARCHIVE;
import static org.tessera.archive.query.QueryTestData.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.internal.index.IndexCatalog;
import org.tessera.archive.internal.index.IndexedAttribute;
import org.tessera.archive.security.AccessFilter;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;

/** What each match holds, and how many and in which order they come. */
class QueryResultTest extends QueryIndexTest {
  private Query query(QueryLevel level) {
    return Query.of(ARCHIVE, level, AccessFilter.all());
  }

  private Attributes only(Query q) {
    List<Attributes> matches = service.find(q).await().matches();
    assertThat(matches).hasSize(1);
    return matches.get(0);
  }

  @Test
  void aStudyHasItsPatientsAndItsOwnAttributesAndTheComputedOnes() {
    Attributes s1 = only(query(QueryLevel.STUDY).withKey(Tag.StudyInstanceUID, "1.1"));
    assertThat(s1.getString(Tag.PatientName)).isEqualTo("Doe^John");
    assertThat(s1.getString(Tag.PatientBirthDate)).isEqualTo("19700101");
    assertThat(s1.getString(Tag.StudyDescription)).isEqualTo("CT Chest");
    assertThat(s1.getString(Tag.ReferringPhysicianName)).isEqualTo("House^Gregory");
    assertThat(s1.getStrings(Tag.ModalitiesInStudy)).containsExactly("CT", "SR");
    assertThat(s1.getStrings(Tag.SOPClassesInStudy))
        .containsExactly(QueryTestData.CT, QueryTestData.SR);
    assertThat(s1.getInt(Tag.NumberOfStudyRelatedSeries, -1)).isEqualTo(2);
    assertThat(s1.getInt(Tag.NumberOfStudyRelatedInstances, -1)).isEqualTo(4);
    assertThat(s1.getInt(Tag.NumberOfPatientRelatedStudies, -1)).isEqualTo(2);
    assertThat(s1.getString(Tag.InstanceAvailability)).isEqualTo("ONLINE");
    assertThat(s1.getString(Tag.SpecificCharacterSet)).isEqualTo("ISO_IR 100");
    assertThat(s1.contains(Tag.SeriesInstanceUID)).isFalse();
    assertThat(s1.contains(Tag.NumberOfSeriesRelatedInstances)).isFalse();
  }

  @Test
  void aSeriesHasItsStudyAndItsCount() {
    Attributes ct = only(query(QueryLevel.SERIES).withKey(Tag.SeriesInstanceUID, "1.1.1"));
    assertThat(ct.getString(Tag.StudyInstanceUID)).isEqualTo("1.1");
    assertThat(ct.getString(Tag.Modality)).isEqualTo("CT");
    assertThat(ct.getString(Tag.StudyDescription)).isEqualTo("CT Chest");
    assertThat(ct.getString(Tag.PatientID)).isEqualTo("P1");
    assertThat(ct.getInt(Tag.NumberOfSeriesRelatedInstances, -1)).isEqualTo(3);
    assertThat(ct.getSequence(Tag.RequestAttributesSequence)).hasSize(2);
    assertThat(ct.contains(Tag.SOPInstanceUID)).isFalse();
  }

  @Test
  void anInstanceHasEveryLevelTheLowestWinning() {
    Attributes i = only(query(QueryLevel.INSTANCE).withKey(Tag.SOPInstanceUID, "1.1.1.3"));
    assertThat(i.getString(Tag.StudyInstanceUID)).isEqualTo("1.1");
    assertThat(i.getString(Tag.SeriesInstanceUID)).isEqualTo("1.1.1");
    assertThat(i.getString(Tag.SOPClassUID)).isEqualTo(QueryTestData.CT);
    assertThat(i.getString(Tag.StudyDescription)).isEqualTo("CT Chest (as sent)");
    assertThat(i.getInt(Tag.Rows, 0)).isEqualTo(512);
    assertThat(i.getString(Tag.AvailableTransferSyntaxUID)).isEqualTo("1.2.840.10008.1.2.1");
    assertThat(i.getString(Tag.InstanceAvailability)).isEqualTo("ONLINE");
  }

  @Test
  void aPatientHasOnlyPatientAttributes() {
    Attributes p1 = only(query(QueryLevel.PATIENT).withKey(Tag.PatientID, "P1"));
    assertThat(p1.getString(Tag.PatientName)).isEqualTo("Doe^John");
    assertThat(p1.getInt(Tag.NumberOfPatientRelatedStudies, -1)).isEqualTo(2);
    assertThat(p1.getInt(Tag.NumberOfPatientRelatedSeries, -1)).isEqualTo(3);
    assertThat(p1.getInt(Tag.NumberOfPatientRelatedInstances, -1)).isEqualTo(6);
    assertThat(p1.contains(Tag.StudyInstanceUID)).isFalse();
    assertThat(p1.contains(Tag.StudyDescription)).isFalse();
  }

  @Test
  void returnTagsKeepTheKeysAndTheIdentifyingUids() {
    Attributes ct = only(query(QueryLevel.SERIES).withKey(Tag.SeriesInstanceUID, "1.1.1")
        .withKey(Tag.PatientName, "DOE^JOHN")
        .withReturnTags(Set.of(Tag.StudyDescription, Tag.NumberOfStudyRelatedInstances,
            Tag.NumberOfSeriesRelatedInstances)));
    List<Integer> tags = new ArrayList<>();
    for (int i = 0; i < ct.size(); i++) {
      tags.add(ct.tagAt(i));
    }
    assertThat(tags).containsExactlyInAnyOrder(Tag.SpecificCharacterSet, Tag.PatientName,
        Tag.StudyDescription, Tag.StudyInstanceUID, Tag.SeriesInstanceUID,
        Tag.NumberOfStudyRelatedInstances, Tag.NumberOfSeriesRelatedInstances);
    assertThat(ct.getString(Tag.PatientName)).isEqualTo("Doe^John");
    assertThat(ct.getInt(Tag.NumberOfStudyRelatedInstances, -1)).isEqualTo(4);
  }

  @Test
  void emptyReturnTagsLeaveTheIdentifiersOnly() {
    Attributes i = only(query(QueryLevel.INSTANCE).withKey(Tag.SOPInstanceUID, "1.2.1.2")
        .withReturnTags(Set.of()));
    assertThat(i.size()).isEqualTo(4);
    assertThat(i.getString(Tag.SOPClassUID)).isEqualTo(QueryTestData.MR);
    assertThat(i.getString(Tag.SeriesInstanceUID)).isEqualTo("1.2.1");
    Attributes p = only(query(QueryLevel.PATIENT).withKey(Tag.PatientName, "doe^jane")
        .withReturnTags(Set.of(Tag.InstanceAvailability)));
    assertThat(p.getString(Tag.PatientID)).isEqualTo("P2");
    assertThat(p.getString(Tag.InstanceAvailability)).isEqualTo("ONLINE");
    assertThat(p.contains(Tag.PatientName)).isTrue();
    assertThat(p.size()).isEqualTo(3);
  }

  @Test
  void limitOffsetAndTruncation() {
    Query q = query(QueryLevel.STUDY).withLimit(2);
    QueryResult first = service.find(q).await();
    assertThat(values(first, Tag.StudyInstanceUID)).containsExactly("1.3", "1.1");
    assertThat(first.truncated()).isTrue();
    QueryResult second = service.find(q.withOffset(2)).await();
    assertThat(values(second, Tag.StudyInstanceUID)).containsExactly("1.2", "1.4");
    assertThat(second.truncated()).isTrue();
    QueryResult last = service.find(q.withOffset(4)).await();
    assertThat(values(last, Tag.StudyInstanceUID)).containsExactly("1.5");
    assertThat(last.truncated()).isFalse();
    assertThat(service.find(q.withOffset(5)).await().matches()).isEmpty();
    assertThat(service.find(q.withLimit(5)).await().truncated()).isFalse();
  }

  @Test
  void theMaximumCapsEveryQuery() {
    QueryService capped = new QueryService(data.database.pool(), new QueryOptions(3));
    QueryResult all = capped.find(query(QueryLevel.STUDY)).await();
    assertThat(all.matches()).hasSize(3);
    assertThat(all.truncated()).isTrue();
    assertThat(capped.find(query(QueryLevel.STUDY).withLimit(100)).await().matches()).hasSize(3);
    assertThat(capped.find(query(QueryLevel.STUDY).withLimit(2)).await().matches()).hasSize(2);
    assertThatThrownBy(() -> capped.find(query(QueryLevel.STUDY).withOffset(-1)).await())
        .isInstanceOfSatisfying(ArchiveException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST));
  }

  @Test
  void defaultOrdersAreStable() {
    assertThat(values(service.find(query(QueryLevel.STUDY)).await(), Tag.StudyInstanceUID))
        .containsExactly("1.3", "1.1", "1.2", "1.4", "1.5");
    assertThat(values(service.find(query(QueryLevel.SERIES).withKey(Tag.StudyInstanceUID, "1.3"))
        .await(), Tag.SeriesInstanceUID)).containsExactly("1.3.3", "1.3.1", "1.3.2");
    assertThat(values(service.find(query(QueryLevel.INSTANCE)
        .withKey(Tag.SeriesInstanceUID, "1.1.1")).await(), Tag.SOPInstanceUID))
        .containsExactly("1.1.1.2", "1.1.1.3", "1.1.1.1");
    assertThat(values(service.find(query(QueryLevel.PATIENT)).await(), Tag.PatientID))
        .containsExactly("P2", "P1", "P3");
  }

  @Test
  void orderByComesBeforeTheDefaultOrder() {
    Query byDescription = query(QueryLevel.STUDY)
        .withOrderBy(List.of(Order.ascending(Tag.StudyDescription)));
    assertThat(values(service.find(byDescription).await(), Tag.StudyInstanceUID))
        .containsExactly("1.3", "1.1", "1.2", "1.4", "1.5");
    Query byName = query(QueryLevel.SERIES).withKey(Tag.Modality, "CT", "MR")
        .withOrderBy(List.of(Order.descending(Tag.PatientName),
            Order.ascending(Tag.StudyDate)));
    assertThat(values(service.find(byName).await(), Tag.SeriesInstanceUID))
        .containsExactly("1.4.1", "1.2.1", "1.1.1", "1.3.3", "1.3.1");
  }

  @Test
  void orderByNeedsAColumnOfTheLevelOrAbove() {
    assertThatThrownBy(() -> service.find(query(QueryLevel.STUDY)
        .withOrderBy(List.of(Order.ascending(Tag.SeriesNumber)))).await())
        .isInstanceOf(ArchiveException.class)
        .hasMessage("cannot sort STUDY matches by SeriesNumber (0020,0011): it is a SERIES "
            + "attribute");
    assertThatThrownBy(() -> service.find(query(QueryLevel.STUDY)
        .withOrderBy(List.of(Order.ascending(Tag.PatientWeight)))).await())
        .isInstanceOfSatisfying(ArchiveException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST))
        .hasMessageContaining("not indexed");
  }

  @Test
  void everyArchiveIsSeparate() {
    Query other = Query.of("other", QueryLevel.STUDY, AccessFilter.all())
        .withKey(Tag.PatientID, "P1");
    assertThat(values(service.find(other).await(), Tag.StudyInstanceUID)).containsExactly("9.1");
    assertThat(values(service.find(query(QueryLevel.STUDY).withKey(Tag.StudyInstanceUID, "9.1"))
        .await(), Tag.StudyInstanceUID)).isEmpty();
  }

  @Test
  void anUnknownArchiveIsNotFound() {
    assertThatThrownBy(() -> service.find(Query.of("nope", QueryLevel.STUDY,
        AccessFilter.all())).await())
        .isInstanceOfSatisfying(ArchiveException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND))
        .hasMessage("no archive 'nope'");
  }

  @Test
  void everyIndexedColumnCanBeMatchedAndSortedBy() {
    // a key on each catalogue column compiles and runs: no column name is misspelt
    for (IndexedAttribute a : IndexCatalog.ATTRIBUTES) {
      String value = switch (a.kind()) {
        case DATE -> "20240101";
        case TIME -> "1200";
        default -> "1";
      };
      Query q = query(QueryLevel.INSTANCE).withKey(a.sequence() != 0
          ? MatchKey.inSequence(a.sequence(), a.tag(), value) : MatchKey.of(a.tag(), value));
      if (a.sequence() == 0 && a.kind() != IndexedAttribute.Kind.TEXT_LIST) {
        q = q.withOrderBy(List.of(Order.descending(a.tag())));
      }
      assertThat(service.find(q).await().unsupportedKeys()).isEmpty();
    }
  }
}
