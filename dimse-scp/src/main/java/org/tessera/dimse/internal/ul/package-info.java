/**
 * The acceptor side of the DICOM Upper Layer protocol (PS3.8 9): one
 * {@link org.tessera.dimse.internal.ul.Association} per TCP connection, driven by PDUs and
 * timers on one event loop, states named after PS3.8 Table 9-10;
 * {@link org.tessera.dimse.internal.ul.Negotiation} decides A-ASSOCIATE-RQs, and DIMSE messages
 * are reassembled from and fragmented into P-DATA-TF PDUs here.
 */
package org.tessera.dimse.internal.ul;
