/**
 * The configuration of a node: {@link org.tessera.server.config.TesseraConfig}, a tree of the
 * modules' options records, and {@link org.tessera.server.config.ConfigLoader}, the one class
 * that fills it from defaults, {@code tessera.yaml}, {@code TESSERA_*} environment variables
 * and command-line flags. Keys are found by reflection over the records, so a new options record
 * or component needs no loader code, only a line in {@code docs/tessera.example.yaml}.
 */
package org.tessera.server.config;
