-- The index: archives, collections and the DICOM hierarchy with the attributes the query APIs
-- match on (QIDO-RS PS3.18 10.6, C-FIND PS3.4 C.6, the NBIA API), aggregates kept exact under
-- concurrent ingest, and each level's full attributes as DICOM JSON so that metadata and
-- includefield=all need no file reads.
--
-- Conventions: DA values are stored as 'YYYYMMDD' text and TM values as 'HHMMSS.FFFFFF' text
-- (separators of older encodings removed) so that range matching is a text comparison; absent
-- values are NULL; PN columns keep the whole value (all component groups); *_ci columns hold the
-- upper-cased value for case-insensitive matching.

CREATE TABLE archive (
  pk          bigserial PRIMARY KEY,
  name        text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE collection (
  pk              bigserial PRIMARY KEY,
  archive_fk      bigint NOT NULL REFERENCES archive,
  name            text NOT NULL,
  description     text,
  license_name    text,
  license_uri     text,
  collection_uri  text,
  visibility      text NOT NULL DEFAULT 'restricted' CHECK (visibility IN ('public', 'restricted')),
  created_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (archive_fk, name)
);

-- A patient belongs to one collection: the same Patient ID in two collections is two patients,
-- as in NBIA, so that access is decided per collection at every level.
CREATE TABLE patient (
  pk                    bigserial PRIMARY KEY,
  archive_fk            bigint NOT NULL REFERENCES archive,
  collection_fk         bigint NOT NULL REFERENCES collection,
  patient_id            text NOT NULL,           -- '' when the instance has none
  issuer_of_patient_id  text NOT NULL,           -- '' when the instance has none
  patient_name          text,
  patient_name_ci       text,
  patient_birth_date    text,
  patient_birth_time    text,
  patient_sex           text,
  ethnic_group          text,
  patient_comments      text,
  species_description   text,
  species_code          text,
  phantom               text,
  num_studies           integer NOT NULL DEFAULT 0,
  num_series            integer NOT NULL DEFAULT 0,
  num_instances         integer NOT NULL DEFAULT 0,
  total_bytes           bigint NOT NULL DEFAULT 0,
  created_at            timestamptz NOT NULL DEFAULT now(),
  updated_at            timestamptz NOT NULL DEFAULT now(),
  attrs                 text NOT NULL,           -- DICOM JSON, patient-level attributes
  UNIQUE (collection_fk, patient_id, issuer_of_patient_id)
);
CREATE INDEX patient_archive_id ON patient (archive_fk, patient_id);
CREATE INDEX patient_name_idx ON patient (patient_name text_pattern_ops);
CREATE INDEX patient_name_ci_idx ON patient (patient_name_ci text_pattern_ops);
CREATE INDEX patient_updated ON patient (updated_at);

CREATE TABLE study (
  pk                                     bigserial PRIMARY KEY,
  archive_fk                             bigint NOT NULL REFERENCES archive,
  collection_fk                          bigint NOT NULL REFERENCES collection,
  patient_fk                             bigint NOT NULL REFERENCES patient,
  study_instance_uid                     text NOT NULL,
  study_date                             text,
  study_time                             text,
  accession_number                       text,
  referring_physician_name               text,
  referring_physician_name_ci            text,
  study_id                               text,
  study_description                      text,
  patient_age                            text,
  admitting_diagnoses_description        text,
  longitudinal_temporal_event_type       text,
  longitudinal_temporal_offset_from_event double precision,
  modalities_in_study                    text[] NOT NULL DEFAULT '{}',
  sop_classes_in_study                   text[] NOT NULL DEFAULT '{}',
  num_series                             integer NOT NULL DEFAULT 0,
  num_instances                          integer NOT NULL DEFAULT 0,
  total_bytes                            bigint NOT NULL DEFAULT 0,
  created_at                             timestamptz NOT NULL DEFAULT now(),
  updated_at                             timestamptz NOT NULL DEFAULT now(),
  attrs                                  text NOT NULL,  -- DICOM JSON, study-level attributes
  UNIQUE (archive_fk, study_instance_uid)
);
CREATE INDEX study_patient ON study (patient_fk);
CREATE INDEX study_collection ON study (collection_fk);
CREATE INDEX study_date_idx ON study (study_date, study_time);
CREATE INDEX study_accession ON study (accession_number);
CREATE INDEX study_modalities ON study USING gin (modalities_in_study);
CREATE INDEX study_updated ON study (updated_at);
CREATE INDEX study_created ON study (created_at);

CREATE TABLE series (
  pk                                  bigserial PRIMARY KEY,
  archive_fk                          bigint NOT NULL REFERENCES archive,
  collection_fk                       bigint NOT NULL REFERENCES collection,
  study_fk                            bigint NOT NULL REFERENCES study,
  series_instance_uid                 text NOT NULL,
  modality                            text,
  series_number                       integer,
  series_description                  text,
  series_date                         text,
  series_time                         text,
  body_part_examined                  text,
  laterality                          text,
  protocol_name                       text,
  manufacturer                        text,
  manufacturer_model_name             text,
  software_versions                   text,
  institution_name                    text,
  station_name                        text,
  performed_procedure_step_start_date text,
  performed_procedure_step_start_time text,
  scheduled_procedure_step_ids        text[] NOT NULL DEFAULT '{}',  -- RequestAttributesSequence
  requested_procedure_ids             text[] NOT NULL DEFAULT '{}',
  frame_of_reference_uid              text,
  site                                text,    -- TCIA CTP private "site name"
  slice_thickness                     double precision,
  pixel_spacing_row                   double precision,
  third_party_analysis                text,
  annotations_flag                    boolean NOT NULL DEFAULT false,
  released_at                         timestamptz,
  num_instances                       integer NOT NULL DEFAULT 0,
  total_bytes                         bigint NOT NULL DEFAULT 0,
  created_at                          timestamptz NOT NULL DEFAULT now(),
  updated_at                          timestamptz NOT NULL DEFAULT now(),
  attrs                               text NOT NULL,  -- DICOM JSON, series-level attributes
  UNIQUE (archive_fk, series_instance_uid)
);
CREATE INDEX series_study ON series (study_fk);
CREATE INDEX series_collection ON series (collection_fk, modality);
CREATE INDEX series_modality ON series (modality);
CREATE INDEX series_body_part ON series (body_part_examined);
CREATE INDEX series_manufacturer ON series (manufacturer);
CREATE INDEX series_updated ON series (updated_at);

CREATE TABLE instance (
  pk                   bigserial PRIMARY KEY,
  archive_fk           bigint NOT NULL REFERENCES archive,
  series_fk            bigint NOT NULL REFERENCES series,
  sop_instance_uid     text NOT NULL,
  sop_class_uid        text NOT NULL,
  instance_number      integer,
  content_date         text,
  content_time         text,
  rows                 integer,
  columns              integer,
  bits_allocated       integer,
  number_of_frames     integer,
  transfer_syntax_uid  text NOT NULL,
  size                 bigint NOT NULL,
  md5                  bytea NOT NULL,
  blob_key             text NOT NULL,
  received_at          timestamptz NOT NULL DEFAULT now(),
  attrs                text NOT NULL,  -- DICOM JSON of the whole data set, bulk data as BulkDataURI
  UNIQUE (archive_fk, sop_instance_uid)
);
CREATE INDEX instance_series ON instance (series_fk, instance_number);
CREATE INDEX instance_sop_class ON instance (sop_class_uid);

INSERT INTO archive (name) VALUES ('default');
INSERT INTO collection (archive_fk, name, description, visibility)
  SELECT pk, 'default', 'Instances that name no collection', 'restricted' FROM archive WHERE name = 'default';
