/**
 * Rappel: a self-hosted server that schedules and delivers contact-center callbacks.
 *
 * <p>The root package holds only application setup (REST application, data source). Features live
 * in sub-packages and form layers, each depending only on those below: {@code platform} ← {@code
 * phone}, {@code audit} ← {@code agent} ← {@code queue}, {@code security} ← {@code interaction} ←
 * {@code callback} ← {@code delivery} ← {@code events}, {@code demo}. Each is split into {@code
 * boundary} (REST resources, page beans and transactional use cases), {@code control} (helpers that
 * know nothing of HTTP) and {@code entity} (the domain and its rules), depending in that order.
 * {@code ArchitectureTest} keeps it so.
 */
package dev.rappel;
