/**
 * DICOMweb (PS3.18): STOW-RS, QIDO-RS, WADO-RS and WADO-URI routes on vertx-web (issue 5).
 */
package org.tessera.dicomweb;
