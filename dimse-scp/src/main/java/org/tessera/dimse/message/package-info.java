/**
 * DIMSE messages (PS3.7): command field values ({@link org.tessera.dimse.message.Dimse}),
 * status codes ({@link org.tessera.dimse.message.Status}) and the command set of one message
 * ({@link org.tessera.dimse.message.Command}), encoded in Implicit VR Little Endian as PS3.7 6.3.1
 * requires.
 */
package org.tessera.dimse.message;
