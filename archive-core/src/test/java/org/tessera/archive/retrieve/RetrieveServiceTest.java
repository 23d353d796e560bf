package org.tessera.archive.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.tessera.archive.ArchiveException;
import org.tessera.archive.Problem;
import org.tessera.archive.database.Database;
import org.tessera.archive.database.DatabaseOptions;
import org.tessera.archive.model.Visibility;
import org.tessera.archive.query.QueryLevel;
import org.tessera.archive.security.AccessFilter;
import org.tessera.archive.testing.IndexRows;
import org.tessera.archive.testing.TestDatabase;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.dict.ElementDictionary;
import org.tessera.dicom.json.DicomJsonReader;

/**
 * Archive "default": study 1 of patient P1 in a public collection, with series 1.2 (number 2,
 * instances 1.2.1 and 1.2.2 numbered 2 and 1) and series 1.1 (number 1, instance 1.1.1); study 2
 * of patient P2 in a restricted collection, series 2.1 with instance 2.1.1 in JPEG Baseline.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetrieveServiceTest {
  private static final String JPEG = "1.2.840.10008.1.2.4.50";
  private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
  private static final byte[] MD5 = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

  private Vertx vertx;
  private Database database;
  private RetrieveService service;

  @BeforeAll
  void createIndex() {
    vertx = Vertx.vertx();
    database = Database.open(vertx, TestDatabase.newDatabaseUrl(), DatabaseOptions.DEFAULTS)
        .await();
    IndexRows rows = new IndexRows(database.pool());
    long archive = rows.archive("default");
    long pub = rows.collection(archive, "PUB", Visibility.PUBLIC);
    long secret = rows.collection(archive, "SECRET", Visibility.RESTRICTED);
    long s1 = rows.study(rows.patient(pub, attrs(Tag.PatientID, "P1", Tag.PatientName,
        "Doe^John")), attrs(Tag.StudyInstanceUID, "1"));
    long s12 = rows.series(s1, attrs(Tag.SeriesInstanceUID, "1.2", Tag.SeriesNumber, "2"));
    rows.instance(s12, image("1.2.1", "2"));
    rows.instance(s12, image("1.2.2", "1"));
    long s11 = rows.series(s1, attrs(Tag.SeriesInstanceUID, "1.1", Tag.SeriesNumber, "1"));
    rows.instance(s11, image("1.1.1", "1"));
    long s2 = rows.study(rows.patient(secret, attrs(Tag.PatientID, "P2")),
        attrs(Tag.StudyInstanceUID, "2"));
    rows.instance(rows.series(s2, attrs(Tag.SeriesInstanceUID, "2.1")), image("2.1.1", "1"),
        JPEG, 4242, MD5, "blobs/ab/2.1.1");
    service = new RetrieveService(database.pool());
  }

  @AfterAll
  void close() {
    database.close().await();
    vertx.close().await();
  }

  /** Tag, value, tag, value ...: each with its VR from the dictionary. */
  private static Attributes attrs(Object... tagsAndValues) {
    Attributes a = new Attributes(false, 8);
    for (int i = 0; i < tagsAndValues.length; i += 2) {
      int tag = (Integer) tagsAndValues[i];
      a.setString(tag, ElementDictionary.standard().vrOf(tag), (String) tagsAndValues[i + 1]);
    }
    return a;
  }

  private static Attributes image(String uid, String number) {
    Attributes a = attrs(Tag.SOPInstanceUID, uid, Tag.SOPClassUID, CT, Tag.InstanceNumber,
        number);
    a.setString(Tag.ImageComments, VR.LT, "instance " + uid);
    return a;
  }

  private static List<String> sops(List<StoredInstance> instances) {
    return instances.stream().map(StoredInstance::sopInstanceUid).toList();
  }

  @Test
  void aStudyBySeriesNumberThenInstanceNumber() {
    assertThat(sops(service.instances("default", "1", null, null, AccessFilter.publicOnly())
        .await())).containsExactly("1.1.1", "1.2.2", "1.2.1");
    assertThat(sops(service.instances("default", "1", "1.2", null, AccessFilter.publicOnly())
        .await())).containsExactly("1.2.2", "1.2.1");
  }

  @Test
  void oneInstanceWithWhatItsRetrieveNeeds() {
    List<StoredInstance> found = service.instances("default", "2", "2.1", "2.1.1",
        AccessFilter.publicAnd(Set.of("SECRET"))).await();
    assertThat(found).hasSize(1);
    StoredInstance i = found.get(0);
    assertThat(List.of(i.studyInstanceUid(), i.seriesInstanceUid(), i.sopInstanceUid(),
        i.sopClassUid(), i.transferSyntaxUid(), i.blobKey(), i.collection()))
        .containsExactly("2", "2.1", "2.1.1", CT, JPEG, "blobs/ab/2.1.1", "SECRET");
    assertThat(i.size()).isEqualTo(4242);
    assertThat(i.md5()).containsExactly(MD5);
  }

  @Test
  void uidsMustBeOfOneHierarchy() {
    assertThat(service.instances("default", "2", "1.2", null, AccessFilter.all()).await())
        .isEmpty();
    assertThat(service.instances("default", "1", "1.2", "1.1.1", AccessFilter.all()).await())
        .isEmpty();
    assertThatThrownBy(() -> service.instances("default", "1", null, "1.1.1", AccessFilter.all())
        .await()).isInstanceOfSatisfying(ArchiveException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST));
  }

  @Test
  void restrictedInstancesAreAbsent() {
    assertThat(service.instances("default", "2", null, null, AccessFilter.publicOnly()).await())
        .isEmpty();
    assertThat(service.instances("default", "2", null, null, AccessFilter.only(Set.of("PUB")))
        .await()).isEmpty();
    assertThat(sops(service.instances("default", "2", null, null, AccessFilter.all()).await()))
        .containsExactly("2.1.1");
  }

  @Test
  void uidListsOfEveryLevel() {
    AccessFilter all = AccessFilter.all();
    assertThat(sops(service.instancesOf("default", QueryLevel.STUDY, List.of("2", "1", "9"), all)
        .await())).containsExactly("1.1.1", "1.2.2", "1.2.1", "2.1.1");
    assertThat(sops(service.instancesOf("default", QueryLevel.SERIES, List.of("1.2", "2.1"), all)
        .await())).containsExactly("1.2.2", "1.2.1", "2.1.1");
    assertThat(sops(service.instancesOf("default", QueryLevel.INSTANCE,
        List.of("2.1.1", "1.2.1"), all).await())).containsExactly("1.2.1", "2.1.1");
    assertThat(sops(service.instancesOf("default", QueryLevel.PATIENT, List.of("P2"), all)
        .await())).containsExactly("2.1.1");
    assertThat(sops(service.instancesOf("default", QueryLevel.STUDY, List.of("1", "2"),
        AccessFilter.publicOnly()).await())).containsExactly("1.1.1", "1.2.2", "1.2.1");
  }

  @Test
  void aRetrieveNeedsUids() {
    assertThatThrownBy(() -> service.instancesOf("default", QueryLevel.SERIES, List.of(),
        AccessFilter.all()).await())
        .isInstanceOfSatisfying(ArchiveException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST));
  }

  @Test
  void instanceMetadataIsTheWholeDataSet() throws IOException {
    Optional<String> json = service.instanceMetadata("default", "1", "1.2", "1.2.1",
        AccessFilter.publicOnly()).await();
    assertThat(json).isPresent();
    try (JsonParser parser = new JsonFactory().createParser(json.get())) {
      Attributes a = new DicomJsonReader(parser).readDataset();
      assertThat(a.getString(Tag.PatientName)).isEqualTo("Doe^John");
      assertThat(a.getString(Tag.SeriesInstanceUID)).isEqualTo("1.2");
      assertThat(a.getString(Tag.ImageComments)).isEqualTo("instance 1.2.1");
    }
    assertThat(service.instanceMetadata("default", "2", "2.1", "2.1.1",
        AccessFilter.publicOnly()).await()).isEmpty();
    assertThat(service.instanceMetadata("default", "1", "1.1", "1.2.1", AccessFilter.all())
        .await()).isEmpty();
  }

  @Test
  void anUnknownArchiveIsNotFound() {
    assertThatThrownBy(() -> service.instances("nope", "1", null, null, AccessFilter.all())
        .await()).isInstanceOfSatisfying(ArchiveException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.NOT_FOUND));
    assertThatThrownBy(() -> service.instanceMetadata("nope", "1", "1.1", "1.1.1",
        AccessFilter.all()).await()).hasMessage("no archive 'nope'");
  }
}
