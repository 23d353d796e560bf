package org.tessera.archive.query;

import static org.tessera.dicom.data.Tag.AccessionNumber;
import static org.tessera.dicom.data.Tag.BodyPartExamined;
import static org.tessera.dicom.data.Tag.Columns;
import static org.tessera.dicom.data.Tag.ContentDate;
import static org.tessera.dicom.data.Tag.ContentTime;
import static org.tessera.dicom.data.Tag.InstanceNumber;
import static org.tessera.dicom.data.Tag.LongitudinalTemporalOffsetFromEvent;
import static org.tessera.dicom.data.Tag.Modality;
import static org.tessera.dicom.data.Tag.PatientAge;
import static org.tessera.dicom.data.Tag.PatientBirthDate;
import static org.tessera.dicom.data.Tag.PatientID;
import static org.tessera.dicom.data.Tag.PatientName;
import static org.tessera.dicom.data.Tag.PatientSex;
import static org.tessera.dicom.data.Tag.ReferringPhysicianName;
import static org.tessera.dicom.data.Tag.Rows;
import static org.tessera.dicom.data.Tag.SOPClassUID;
import static org.tessera.dicom.data.Tag.SOPInstanceUID;
import static org.tessera.dicom.data.Tag.SeriesDescription;
import static org.tessera.dicom.data.Tag.SeriesInstanceUID;
import static org.tessera.dicom.data.Tag.SeriesNumber;
import static org.tessera.dicom.data.Tag.SliceThickness;
import static org.tessera.dicom.data.Tag.SpecificCharacterSet;
import static org.tessera.dicom.data.Tag.StudyDate;
import static org.tessera.dicom.data.Tag.StudyDescription;
import static org.tessera.dicom.data.Tag.StudyID;
import static org.tessera.dicom.data.Tag.StudyInstanceUID;
import static org.tessera.dicom.data.Tag.StudyTime;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.tessera.archive.database.Database;
import org.tessera.archive.database.DatabaseOptions;
import org.tessera.archive.model.Visibility;
import org.tessera.archive.testing.IndexRows;
import org.tessera.archive.testing.TestDatabase;
import org.tessera.dicom.data.Attributes;
import org.tessera.dicom.data.Sequence;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;
import org.tessera.dicom.dict.ElementDictionary;

/**
 * The index the query tests search, in archive "default":
 *
 * <pre>
 * TCGA-PUB (public)
 *   P1 Doe^John 19700101 M          S1 1.1  20240115 101500   A1  CT Chest   CT 1.1.1 (3), SR 1.1.2 (1)
 *                                   S2 1.2  20230601 08:30    A2  MR Brain   MR 1.2.1 (2)
 *   P2 DOE^JANE 19851231 F          S3 1.3  20240115 143000.25 A3% CT Abdomen CT 1.3.1 #2, PT 1.3.2 #-, CT 1.3.3 #1
 *                                   S5 1.5  (no date)              Scanned_film OT 1.5.1
 * SECRET-TRIAL (restricted)
 *   P3 Van^Helsing^Abraham 19600229 S4 1.4  20220310          A4  MR Knee    MR 1.4.1
 * </pre>
 *
 * and in archive "other" a patient P1 Doe^John with study 9.1 (CT 9.1.1). Each series has one
 * instance &lt;series&gt;.1 unless a count is given; 1.1.1's instances are numbered 3, 1, 2 in
 * order of arrival, and 1.1.1.3 carries its own StudyDescription "CT Chest (as sent)".
 */
final class QueryTestData implements AutoCloseable {
  static final String ARCHIVE = "default";
  static final String PUBLIC = "TCGA-PUB";
  static final String SECRET = "SECRET-TRIAL";
  static final String CT = "1.2.840.10008.5.1.4.1.1.2";
  static final String MR = "1.2.840.10008.5.1.4.1.1.4";
  static final String SR = "1.2.840.10008.5.1.4.1.1.88.11";
  static final String PT = "1.2.840.10008.5.1.4.1.1.128";
  static final String SC = "1.2.840.10008.5.1.4.1.1.7";

  final Vertx vertx;
  final Database database;

  private QueryTestData(Vertx vertx, Database database) {
    this.vertx = vertx;
    this.database = database;
  }

  /** A fresh database holding the data above. */
  static QueryTestData create() {
    Vertx vertx = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(200)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS));
    Database db = Database.open(vertx, TestDatabase.newDatabaseUrl(), DatabaseOptions.DEFAULTS)
        .await();
    IndexRows rows = new IndexRows(db.pool());
    long archive = rows.archive(ARCHIVE);
    long pub = rows.collection(archive, PUBLIC, Visibility.PUBLIC);
    insertDoeJohn(rows, pub);
    insertDoeJane(rows, pub);
    long secret = rows.collection(archive, SECRET, Visibility.RESTRICTED);
    long patient3 = rows.patient(secret, attrs(PatientID, "P3", PatientName,
        "Van^Helsing^Abraham", PatientBirthDate, "19600229", PatientSex, "M"));
    long s4 = rows.study(patient3, attrs(StudyInstanceUID, "1.4", StudyDate, "20220310",
        AccessionNumber, "A4", StudyDescription, "MR Knee"));
    instances(rows, s4, series("1.4.1", "MR", "1"), MR, 1);

    long other = rows.collection(rows.archive("other"), "OTHER-PUB", Visibility.PUBLIC);
    long o1 = rows.study(rows.patient(other, attrs(PatientID, "P1", PatientName, "Doe^John")),
        attrs(StudyInstanceUID, "9.1", StudyDate, "20240115"));
    instances(rows, o1, series("9.1.1", "CT", "1"), CT, 1);
    rows.updateAggregates();
    return new QueryTestData(vertx, db);
  }

  private static void insertDoeJohn(IndexRows rows, long collection) {
    Attributes p1 = attrs(PatientID, "P1", PatientName, "Doe^John", PatientBirthDate, "19700101",
        PatientSex, "M");
    p1.setString(SpecificCharacterSet, VR.CS, "ISO_IR 100");
    long patient1 = rows.patient(collection, p1);
    long s1 = rows.study(patient1, attrs(StudyInstanceUID, "1.1", StudyDate, "20240115",
        StudyTime, "101500", AccessionNumber, "A1", StudyDescription, "CT Chest", StudyID, "S1",
        ReferringPhysicianName, "House^Gregory", PatientAge, "054Y",
        LongitudinalTemporalOffsetFromEvent, "12.5"));
    Attributes ct = attrs(SeriesInstanceUID, "1.1.1", Modality, "CT", SeriesNumber, "1",
        SeriesDescription, "Axial", BodyPartExamined, "CHEST", SliceThickness, "2.5");
    Sequence request = ct.newSequence(Tag.RequestAttributesSequence, 2);
    request.add(attrs(Tag.ScheduledProcedureStepID, "SPS1", Tag.RequestedProcedureID, "RP1"));
    request.add(attrs(Tag.ScheduledProcedureStepID, "SPS2"));
    long s11 = rows.series(s1, ct);
    rows.instance(s11, image("1.1.1.1", CT, "3"));
    rows.instance(s11, image("1.1.1.2", CT, "1"));
    Attributes sent = image("1.1.1.3", CT, "2");
    sent.setString(StudyDescription, VR.LO, "CT Chest (as sent)");
    rows.instance(s11, sent);
    instances(rows, s1, series("1.1.2", "SR", "2"), SR, 1);

    long s2 = rows.study(patient1, attrs(StudyInstanceUID, "1.2", StudyDate, "20230601",
        StudyTime, "08:30", AccessionNumber, "A2", StudyDescription, "MR Brain"));
    instances(rows, s2, series("1.2.1", "MR", "1"), MR, 2);
  }

  private static void insertDoeJane(IndexRows rows, long collection) {
    long patient2 = rows.patient(collection, attrs(PatientID, "P2", PatientName, "DOE^JANE",
        PatientBirthDate, "19851231", PatientSex, "F"));
    long s3 = rows.study(patient2, attrs(StudyInstanceUID, "1.3", StudyDate, "20240115",
        StudyTime, "143000.25", AccessionNumber, "A3%", StudyDescription, "CT Abdomen"));
    instances(rows, s3, series("1.3.1", "CT", "2"), CT, 1);
    instances(rows, s3, attrs(SeriesInstanceUID, "1.3.2", Modality, "PT"), PT, 1);
    instances(rows, s3, series("1.3.3", "CT", "1"), CT, 1);
    long s5 = rows.study(patient2, attrs(StudyInstanceUID, "1.5",
        StudyDescription, "Scanned_film"));
    instances(rows, s5, series("1.5.1", "OT", "1"), SC, 1);
  }

  QueryService service() {
    return new QueryService(database.pool(), QueryOptions.DEFAULTS);
  }

  @Override
  public void close() {
    database.close().await();
    vertx.close().await();
  }

  /** The values of {@code tag} in each match, in order. */
  static List<String> values(QueryResult result, int tag) {
    return result.matches().stream().map(a -> a.getString(tag)).toList();
  }

  /** Tag, value, tag, value ...: each with its VR from the dictionary. */
  static Attributes attrs(Object... tagsAndValues) {
    Attributes a = new Attributes(false, 16);
    for (int i = 0; i < tagsAndValues.length; i += 2) {
      int tag = (Integer) tagsAndValues[i];
      a.setString(tag, ElementDictionary.standard().vrOf(tag), (String) tagsAndValues[i + 1]);
    }
    return a;
  }

  private static Attributes series(String uid, String modality, String number) {
    return attrs(SeriesInstanceUID, uid, Modality, modality, SeriesNumber, number);
  }

  private static Attributes image(String uid, String sopClass, String number) {
    return attrs(SOPInstanceUID, uid, SOPClassUID, sopClass, InstanceNumber, number,
        ContentDate, "20240115", ContentTime, "101600", Rows, "512", Columns, "512");
  }

  /** The series and its {@code count} instances &lt;series&gt;.1, .2 ..., numbered 1, 2 ... */
  private static void instances(IndexRows rows, long study, Attributes series, String sopClass,
      int count) {
    long pk = rows.series(study, series);
    String uid = series.getString(SeriesInstanceUID);
    for (int i = 1; i <= count; i++) {
      rows.instance(pk, image(uid + "." + i, sopClass, Integer.toString(i)));
    }
  }
}
