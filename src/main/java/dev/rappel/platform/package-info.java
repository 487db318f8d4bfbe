/**
 * What every feature stands on: the injected clock, database migrations, health checks, and the
 * translation of domain failures into RFC 9457 problem responses.
 */
package dev.rappel.platform;
