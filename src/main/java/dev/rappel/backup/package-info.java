/**
 * Online backups of the embedded database, taken by an administrator while the server runs; a
 * PostgreSQL installation is backed up with its own tools instead.
 */
package dev.rappel.backup;
