/**
 * Implementation details of the toolkit shared by its packages: byte order, value codecs and
 * character set tables. Not for use outside the {@code dicom} module.
 */
package org.tessera.dicom.internal;
