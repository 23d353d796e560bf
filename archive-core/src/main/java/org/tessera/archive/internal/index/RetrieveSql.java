package org.tessera.archive.internal.index;

import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.tessera.archive.query.QueryLevel;
import org.tessera.archive.security.AccessFilter;

/**
 * The statements of the retrieve lookup: the stored instances of a study, series, instance or
 * list of them, with what a retrieve needs to stream each file, in the order they are sent.
 */
public final class RetrieveSql {
  private static final String INSTANCES = """
      SELECT st.study_instance_uid, se.series_instance_uid, i.sop_instance_uid, i.sop_class_uid,
             i.transfer_syntax_uid, i.size, i.md5, i.blob_key, c.name
      FROM instance i
      JOIN series se ON se.pk = i.series_fk
      JOIN study st ON st.pk = se.study_fk
      JOIN collection c ON c.pk = se.collection_fk
      """;
  private static final String METADATA = """
      SELECT i.attrs
      FROM instance i
      JOIN series se ON se.pk = i.series_fk
      JOIN study st ON st.pk = se.study_fk
      """;
  private static final String ORDER = " ORDER BY st.pk, se.series_number ASC NULLS LAST, se.pk,"
      + " i.instance_number ASC NULLS LAST, i.pk";

  /** A statement and its bind parameters. */
  public record Statement(String sql, Tuple params) {}

  private RetrieveSql() {}

  /**
   * The instances of a study, or of one of its series, or one instance of that series; the
   * archive condition goes on the most specific level given, whose UID index serves the lookup.
   */
  public static Statement instances(String archive, String study, String series, String sop,
      AccessFilter access) {
    QueryParams params = new QueryParams();
    String archiveParam = params.add(archive);
    List<String> where = new ArrayList<>();
    where.add("st.study_instance_uid = " + params.add(study));
    if (series != null) {
      where.add("se.series_instance_uid = " + params.add(series));
    }
    if (sop != null) {
      where.add("i.sop_instance_uid = " + params.add(sop));
    }
    QueryLevel level = sop != null ? QueryLevel.INSTANCE
        : series != null ? QueryLevel.SERIES : QueryLevel.STUDY;
    return statement(INSTANCES, level, archiveParam, where, access, params, ORDER);
  }

  /**
   * The instances of every study, series or instance in {@code uids}; at PATIENT level the
   * values are Patient IDs (a Patient Root C-MOVE), each naming that patient in every
   * collection the caller may see.
   */
  public static Statement instancesOf(String archive, QueryLevel level, List<String> uids,
      AccessFilter access) {
    QueryParams params = new QueryParams();
    String archiveParam = params.add(archive);
    String list = "ANY(" + params.add(uids.toArray(String[]::new)) + "::text[])";
    String condition = switch (level) {
      case PATIENT -> "st.patient_fk IN (SELECT pk FROM patient WHERE "
          + QuerySql.archiveCondition("patient", archiveParam) + " AND patient_id = " + list + ")";
      case STUDY -> "st.study_instance_uid = " + list;
      case SERIES -> "se.series_instance_uid = " + list;
      case INSTANCE -> "i.sop_instance_uid = " + list;
    };
    QueryLevel archiveLevel = level == QueryLevel.PATIENT ? QueryLevel.STUDY : level;
    return statement(INSTANCES, archiveLevel, archiveParam, new ArrayList<>(List.of(condition)),
        access, params, ORDER);
  }

  /** The DICOM JSON of one instance, found by all three UIDs. */
  public static Statement metadata(String archive, String study, String series, String sop,
      AccessFilter access) {
    QueryParams params = new QueryParams();
    String archiveParam = params.add(archive);
    List<String> where = new ArrayList<>(List.of(
        "i.sop_instance_uid = " + params.add(sop),
        "se.series_instance_uid = " + params.add(series),
        "st.study_instance_uid = " + params.add(study)));
    return statement(METADATA, QueryLevel.INSTANCE, archiveParam, where, access, params, "");
  }

  private static Statement statement(String select, QueryLevel archiveLevel, String archiveParam,
      List<String> where, AccessFilter access, QueryParams params, String order) {
    where.add(QuerySql.archiveCondition(QuerySql.alias(archiveLevel), archiveParam));
    String accessCondition = QuerySql.accessCondition(access,
        QuerySql.collectionColumn(QueryLevel.SERIES), params);
    if (accessCondition != null) {
      where.add(accessCondition);
    }
    return new Statement(select + " WHERE " + String.join(" AND ", where) + order,
        params.tuple());
  }
}
