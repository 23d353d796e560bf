package org.tessera.archive.internal.index;

import static org.tessera.archive.internal.index.QuerySql.alias;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tessera.archive.internal.index.QueryStatement.Column;
import org.tessera.archive.internal.index.QueryStatement.Kind;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Tag;
import org.tessera.dicom.data.VR;

/**
 * The select list of a query: the attributes of each level whose attributes are wanted, the
 * identifying UIDs of the queried level, and the computed attributes of PS3.4 C.6.1.1 that are
 * wanted. Decides whether the patient table is joined at all.
 */
final class QuerySelect {
  private record Computed(QueryLevel level, String column, int tag, VR vr, Kind kind) {}

  /** A value that identifies each match of the given levels, always returned. */
  private record Identifier(Set<QueryLevel> levels, String column, int tag, VR vr) {}

  private static final List<Identifier> IDENTIFIERS = List.of(
      new Identifier(EnumSet.of(QueryLevel.PATIENT), "p.patient_id", Tag.PatientID, VR.LO),
      new Identifier(EnumSet.range(QueryLevel.STUDY, QueryLevel.INSTANCE),
          "st.study_instance_uid", Tag.StudyInstanceUID, VR.UI),
      new Identifier(EnumSet.range(QueryLevel.SERIES, QueryLevel.INSTANCE),
          "se.series_instance_uid", Tag.SeriesInstanceUID, VR.UI),
      new Identifier(EnumSet.of(QueryLevel.INSTANCE), "i.sop_instance_uid", Tag.SOPInstanceUID,
          VR.UI),
      new Identifier(EnumSet.of(QueryLevel.INSTANCE), "i.sop_class_uid", Tag.SOPClassUID, VR.UI));

  private static final List<Computed> COMPUTED = List.of(
      new Computed(QueryLevel.PATIENT, "num_studies", Tag.NumberOfPatientRelatedStudies, VR.IS,
          Kind.INTEGER),
      new Computed(QueryLevel.PATIENT, "num_series", Tag.NumberOfPatientRelatedSeries, VR.IS,
          Kind.INTEGER),
      new Computed(QueryLevel.PATIENT, "num_instances", Tag.NumberOfPatientRelatedInstances,
          VR.IS, Kind.INTEGER),
      new Computed(QueryLevel.STUDY, "modalities_in_study", Tag.ModalitiesInStudy, VR.CS,
          Kind.TEXT_ARRAY),
      new Computed(QueryLevel.STUDY, "sop_classes_in_study", Tag.SOPClassesInStudy, VR.UI,
          Kind.TEXT_ARRAY),
      new Computed(QueryLevel.STUDY, "num_series", Tag.NumberOfStudyRelatedSeries, VR.IS,
          Kind.INTEGER),
      new Computed(QueryLevel.STUDY, "num_instances", Tag.NumberOfStudyRelatedInstances, VR.IS,
          Kind.INTEGER),
      new Computed(QueryLevel.SERIES, "num_instances", Tag.NumberOfSeriesRelatedInstances,
          VR.IS, Kind.INTEGER),
      new Computed(QueryLevel.INSTANCE, "transfer_syntax_uid", Tag.AvailableTransferSyntaxUID,
          VR.UI, Kind.TEXT));

  private final QueryLevel level;
  /** The tags wanted in each match, or null for all. */
  private final Set<Integer> wanted;
  private final boolean joinsPatient;
  private final List<String> expressions = new ArrayList<>();
  private final List<Column> columns = new ArrayList<>();
  private final Set<Integer> identifiers;

  /**
   * @param keysUsePatient whether keys or sort keys are on patient columns
   */
  QuerySelect(QueryLevel level, Set<Integer> wanted, boolean keysUsePatient) {
    this.level = level;
    this.wanted = wanted;
    this.identifiers = identifiersOf(level);
    this.joinsPatient = level == QueryLevel.PATIENT || keysUsePatient || wanted == null
        || wanted.stream().anyMatch(t -> QueryCatalog.levelOf(t) == QueryLevel.PATIENT);
    for (QueryLevel l : QueryLevel.values()) {
      if (level.atOrBelow(l) && joined(l) && attributesWanted(l)) {
        add(alias(l) + ".attrs", Column.attrs());
      }
    }
    addIdentifiers();
    for (Computed c : COMPUTED) {
      if (level.atOrBelow(c.level()) && joined(c.level()) && wanted(c.tag())) {
        add(alias(c.level()) + "." + c.column(), new Column(c.kind(), c.tag(), c.vr()));
      }
    }
  }

  boolean joinsPatient() {
    return joinsPatient;
  }

  String columnsSql() {
    return String.join(", ", expressions);
  }

  List<Column> columns() {
    return columns;
  }

  /** What each match keeps: the wanted tags, its identifiers and its character set. */
  Set<Integer> keep() {
    if (wanted == null) {
      return null;
    }
    Set<Integer> keep = new HashSet<>(wanted);
    keep.addAll(identifiers);
    keep.add(Tag.SpecificCharacterSet);
    return keep;
  }

  private void addIdentifiers() {
    for (Identifier id : IDENTIFIERS) {
      if (id.levels().contains(level)) {
        add(id.column(), new Column(Kind.TEXT, id.tag(), id.vr()));
      }
    }
  }

  private static Set<Integer> identifiersOf(QueryLevel level) {
    Set<Integer> tags = new HashSet<>();
    for (Identifier id : IDENTIFIERS) {
      if (id.levels().contains(level)) {
        tags.add(id.tag());
      }
    }
    return tags;
  }

  private void add(String expression, Column column) {
    expressions.add(expression);
    columns.add(column);
  }

  private boolean joined(QueryLevel l) {
    return l != QueryLevel.PATIENT || joinsPatient;
  }

  private boolean wanted(int tag) {
    return wanted == null || wanted.contains(tag);
  }

  private boolean attributesWanted(QueryLevel l) {
    return wanted == null || wanted.stream().anyMatch(t -> !QueryCatalog.isComputed(t)
        && !identifiers.contains(t) && QueryCatalog.levelOf(t) == l);
  }
}
