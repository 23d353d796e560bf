/**
 * DICOM Upper Layer (PS3.8) and DIMSE (PS3.7) on Vert.x: C-ECHO, C-STORE, C-FIND, C-MOVE and
 * C-GET service class providers (issue 4).
 */
package org.tessera.dimse;
