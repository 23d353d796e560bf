/**
 * The XML form of a data set, the Native DICOM Model of PS3.19 A.1, that DICOMweb returns as
 * {@code application/dicom+xml} (PS3.18): {@link
 * org.tessera.dicom.xml.NativeDicomModelWriter} streams an {@link
 * org.tessera.dicom.data.Attributes} onto a StAX {@code XMLStreamWriter} of the JDK, with bulk
 * values written as BulkData URIs or InlineBinary as a {@link
 * org.tessera.dicom.data.BulkDataUriProvider} decides.
 */
package org.tessera.dicom.xml;
