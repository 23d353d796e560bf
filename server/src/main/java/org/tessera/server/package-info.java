/**
 * The launcher: the command line, the node that wires the modules onto one Vert.x instance,
 * and the operations endpoints. The only module that knows all others.
 */
package org.tessera.server;
