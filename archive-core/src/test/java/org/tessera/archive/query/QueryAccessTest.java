package org.tessera.archive.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.tessera.archive.query.QueryTestData.ARCHIVE;
import static org.tessera.archive.query.QueryTestData.PUBLIC;
import static org.tessera.archive.query.QueryTestData.SECRET;
import static org.tessera.archive.query.QueryTestData.values;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tessera.archive.model.Visibility;
import org.tessera.archive.security.AccessFilter;
import org.tessera.dicom.data.Tag;

/** A restricted collection appears to those granted it and to no one else, at every level. */
class QueryAccessTest extends QueryIndexTest {
  private List<String> find(QueryLevel level, AccessFilter access, int uid, MatchKey... keys) {
    return values(service.find(Query.of(ARCHIVE, level, access).withKeys(List.of(keys))).await(),
        uid);
  }

  @Test
  void publicOnlyNeverShowsTheRestrictedCollection() {
    AccessFilter guest = AccessFilter.publicOnly();
    assertThat(find(QueryLevel.PATIENT, guest, Tag.PatientID)).containsExactly("P2", "P1");
    assertThat(find(QueryLevel.STUDY, guest, Tag.StudyInstanceUID))
        .containsExactly("1.3", "1.1", "1.2", "1.5");
    assertThat(find(QueryLevel.SERIES, guest, Tag.SeriesInstanceUID, MatchKey.of(Tag.Modality,
        "MR"))).containsExactly("1.2.1");
    assertThat(find(QueryLevel.INSTANCE, guest, Tag.SOPInstanceUID,
        MatchKey.of(Tag.SOPInstanceUID, "1.4.1.1"))).isEmpty();
    assertThat(find(QueryLevel.STUDY, guest, Tag.StudyInstanceUID,
        MatchKey.of(Tag.PatientName, "van*"))).isEmpty();
    assertThat(service.find(Query.of(ARCHIVE, QueryLevel.PATIENT, guest).withFuzzyNames(true)
        .withKey(Tag.PatientName, "hel")).await().matches()).isEmpty();
  }

  @Test
  void grantsAddCollections() {
    AccessFilter granted = AccessFilter.publicAnd(Set.of(SECRET));
    assertThat(find(QueryLevel.STUDY, granted, Tag.StudyInstanceUID)).hasSize(5);
    assertThat(find(QueryLevel.INSTANCE, granted, Tag.SOPInstanceUID,
        MatchKey.of(Tag.SOPInstanceUID, "1.4.1.1"))).containsExactly("1.4.1.1");
    AccessFilter other = AccessFilter.publicAnd(Set.of("SOMETHING-ELSE"));
    assertThat(find(QueryLevel.STUDY, other, Tag.StudyInstanceUID)).hasSize(4);
  }

  @Test
  void onlyNamedCollections() {
    assertThat(find(QueryLevel.STUDY, AccessFilter.only(Set.of(SECRET)), Tag.StudyInstanceUID))
        .containsExactly("1.4");
    assertThat(find(QueryLevel.SERIES, AccessFilter.only(Set.of(PUBLIC)), Tag.SeriesInstanceUID,
        MatchKey.of(Tag.Modality, "MR"))).containsExactly("1.2.1");
    assertThat(find(QueryLevel.PATIENT, AccessFilter.only(Set.of()), Tag.PatientID)).isEmpty();
  }

  @Test
  void allSeesEverything() {
    assertThat(find(QueryLevel.PATIENT, AccessFilter.all(), Tag.PatientID))
        .containsExactly("P2", "P1", "P3");
  }

  @Test
  void permitsAgreesWithTheSqlFilter() {
    assertThat(AccessFilter.publicOnly().permits(SECRET, Visibility.RESTRICTED)).isFalse();
    assertThat(AccessFilter.publicOnly().permits(PUBLIC, Visibility.PUBLIC)).isTrue();
    assertThat(AccessFilter.publicAnd(Set.of(SECRET)).permits(SECRET, Visibility.RESTRICTED))
        .isTrue();
    assertThat(AccessFilter.only(Set.of(SECRET)).permits(PUBLIC, Visibility.PUBLIC)).isFalse();
    assertThat(AccessFilter.all().permits(SECRET, Visibility.RESTRICTED)).isTrue();
  }
}
