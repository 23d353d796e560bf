/**
 * Who may see what: users, their permissions and collection grants, and the {@link
 * org.tessera.archive.security.AccessFilter} every query and retrieve applies, so that a
 * restricted collection never leaks through any API.
 */
package org.tessera.archive.security;
