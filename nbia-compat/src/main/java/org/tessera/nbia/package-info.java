/**
 * Compatibility APIs: TCIA/NBIA v1, v2 and v4 with the OAuth token service, the X-USERNAME
 * /api/v1 project API and FHIR ImagingStudy (issue 6).
 */
package org.tessera.nbia;
