/**
 * Character set machinery behind {@link org.tessera.dicom.data.SpecificCharacterSet}: the
 * Defined Terms of PS3.3 C.12.1.1.2, the graphic character sets they designate into G0 and G1,
 * and the ISO/IEC 2022 code extension decoder and encoder of PS3.5 6.1.2.5. Only
 * {@link org.tessera.dicom.internal.charset.CharsetCodec} is visible outside the package.
 */
package org.tessera.dicom.internal.charset;
