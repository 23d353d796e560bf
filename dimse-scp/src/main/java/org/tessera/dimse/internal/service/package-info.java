/**
 * DIMSE service class providers: each {@link org.tessera.dimse.internal.service.DimseService}
 * declares the SOP classes it serves, and the
 * {@link org.tessera.dimse.internal.service.ServiceRegistry} of a server is what association
 * negotiation accepts as abstract syntaxes, so a new service needs no change to negotiation.
 */
package org.tessera.dimse.internal.service;
