/**
 * The PDUs of the DICOM Upper Layer protocol (PS3.8 9.3) as records, with an incremental
 * {@link org.tessera.dimse.internal.pdu.PduDecoder} that accepts bytes in chunks of any size and
 * a {@link org.tessera.dimse.internal.pdu.PduEncoder}. Nothing here knows about sockets or
 * association state; that lives in {@code internal.ul}.
 */
package org.tessera.dimse.internal.pdu;
