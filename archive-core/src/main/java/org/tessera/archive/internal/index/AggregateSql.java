package org.tessera.archive.internal.index;

/**
 * Aggregates recomputed from a row's children after a removal, indexed by level ordinal
 * (patient, study, series). Each returns the row's remaining child count.
 */
final class AggregateSql {
  static final String[] REFRESH = {
      """
      UPDATE patient SET
        num_studies = (SELECT count(*) FROM study WHERE patient_fk = $1),
        num_series = (SELECT coalesce(sum(num_series), 0) FROM study WHERE patient_fk = $1),
        num_instances = (SELECT coalesce(sum(num_instances), 0) FROM study WHERE patient_fk = $1),
        total_bytes = (SELECT coalesce(sum(total_bytes), 0) FROM study WHERE patient_fk = $1),
        updated_at = now()
      WHERE pk = $1 RETURNING num_studies""",
      """
      UPDATE study SET
        num_series = (SELECT count(*) FROM series WHERE study_fk = $1),
        num_instances = (SELECT coalesce(sum(num_instances), 0) FROM series WHERE study_fk = $1),
        total_bytes = (SELECT coalesce(sum(total_bytes), 0) FROM series WHERE study_fk = $1),
        modalities_in_study = coalesce((SELECT array_agg(DISTINCT modality) FROM series
          WHERE study_fk = $1 AND modality IS NOT NULL), '{}'),
        sop_classes_in_study = coalesce((SELECT array_agg(DISTINCT i.sop_class_uid)
          FROM instance i JOIN series s ON s.pk = i.series_fk WHERE s.study_fk = $1), '{}'),
        updated_at = now()
      WHERE pk = $1 RETURNING num_series""",
      """
      UPDATE series SET
        num_instances = (SELECT count(*) FROM instance WHERE series_fk = $1),
        total_bytes = (SELECT coalesce(sum(size), 0) FROM instance WHERE series_fk = $1),
        updated_at = now()
      WHERE pk = $1 RETURNING num_instances"""};

  private AggregateSql() {}
}
