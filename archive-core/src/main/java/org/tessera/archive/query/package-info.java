/**
 * The one query model every query API translates into (C-FIND, QIDO-RS, the NBIA APIs, FHIR
 * search): a {@link org.tessera.archive.query.Query} of match keys with DICOM matching
 * semantics (PS3.4 C.2.2.2) at a level of the hierarchy, and the
 * {@link org.tessera.archive.query.QueryService} that runs it on the index.
 */
package org.tessera.archive.query;
