/**
 * The DICOM JSON Model of PS3.18 Annex F, over Jackson's streaming API:
 * {@link org.tessera.dicom.json.DicomJsonWriter} writes data sets one object at a time, so a
 * QIDO-RS result set or WADO-RS metadata streams without a JSON tree, and
 * {@link org.tessera.dicom.json.DicomJsonReader} hands back one data set of an array at a time.
 * Whether bulk values go out as BulkDataURI or InlineBinary is the caller's
 * {@link org.tessera.dicom.data.BulkDataUriProvider}. Both block on the stream under their
 * generator or parser (and the writer on files whose bulk data it inlines), so they run on
 * worker threads.
 */
package org.tessera.dicom.json;
