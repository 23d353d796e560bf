package org.tessera.archive.internal.index;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.tessera.archive.query.QueryLevel;
import org.tessera.dicom.data.Tag;

/**
 * What the query engine knows about a tag beyond {@link IndexCatalog}: the columns of keys
 * inside sequence items, the study's computed attributes (PS3.4 C.6.1.1.3: Modalities and SOP
 * Classes in Study, the Number of ... Related ... counts) and the level each tag lives at.
 */
public final class QueryCatalog {
  private static final Map<Long, IndexedAttribute> IN_SEQUENCE = new HashMap<>();
  private static final Map<Integer, IndexedAttribute> COMPUTED_KEYS = Map.of(
      Tag.ModalitiesInStudy, new IndexedAttribute(Tag.ModalitiesInStudy, 0, QueryLevel.STUDY,
          "modalities_in_study", IndexedAttribute.Kind.TEXT_LIST),
      Tag.SOPClassesInStudy, new IndexedAttribute(Tag.SOPClassesInStudy, 0, QueryLevel.STUDY,
          "sop_classes_in_study", IndexedAttribute.Kind.TEXT_LIST));
  /** Attributes that are no level's data but derived from the index. */
  private static final Map<Integer, QueryLevel> COMPUTED_LEVELS = Map.of(
      Tag.NumberOfPatientRelatedStudies, QueryLevel.PATIENT,
      Tag.NumberOfPatientRelatedSeries, QueryLevel.PATIENT,
      Tag.NumberOfPatientRelatedInstances, QueryLevel.PATIENT,
      Tag.NumberOfStudyRelatedSeries, QueryLevel.STUDY,
      Tag.NumberOfStudyRelatedInstances, QueryLevel.STUDY,
      Tag.ModalitiesInStudy, QueryLevel.STUDY,
      Tag.SOPClassesInStudy, QueryLevel.STUDY,
      Tag.NumberOfSeriesRelatedInstances, QueryLevel.SERIES,
      Tag.AvailableTransferSyntaxUID, QueryLevel.INSTANCE);

  static {
    for (IndexedAttribute a : IndexCatalog.ATTRIBUTES) {
      if (a.sequence() != 0) {
        IN_SEQUENCE.put(key(a.sequence(), a.tag()), a);
      }
    }
  }

  private QueryCatalog() {}

  /** The column a key on {@code tag} (inside items of {@code sequence}, if not 0) matches on. */
  public static Optional<IndexedAttribute> column(int sequence, int tag) {
    if (sequence != 0) {
      return Optional.ofNullable(IN_SEQUENCE.get(key(sequence, tag)));
    }
    IndexedAttribute computed = COMPUTED_KEYS.get(tag);
    return computed != null ? Optional.of(computed) : IndexCatalog.column(tag);
  }

  /**
   * Whether {@code tag} is derived from the index rather than kept in a level's attributes:
   * counts, Modalities and SOP Classes in Study, Available Transfer Syntax UID and Instance
   * Availability (PS3.4 C.6.1.1).
   */
  public static boolean isComputed(int tag) {
    return COMPUTED_LEVELS.containsKey(tag) || tag == Tag.InstanceAvailability;
  }

  /** The level whose row holds or derives {@code tag}. */
  public static QueryLevel levelOf(int tag) {
    QueryLevel computed = COMPUTED_LEVELS.get(tag);
    if (computed != null) {
      return computed;
    }
    return IndexCatalog.column(tag).map(IndexedAttribute::level)
        .orElseGet(() -> AttributeLevels.levelOf(tag));
  }

  private static long key(int sequence, int tag) {
    return (long) sequence << 32 | tag & 0xFFFFFFFFL;
  }
}
