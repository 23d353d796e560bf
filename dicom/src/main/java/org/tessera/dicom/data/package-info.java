/**
 * The DICOM data model: {@link org.tessera.dicom.data.Attributes} (a data set ordered by tag,
 * values kept as raw bytes until asked for), sequences and items, encapsulated fragments,
 * references to bulk data in files, and the value types of the standard (VR, tags, UIDs,
 * transfer syntaxes, person names, dates and times, character sets).
 */
package org.tessera.dicom.data;
