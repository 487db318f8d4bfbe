/**
 * Rappel: a self-hosted server that schedules and delivers contact-center callbacks.
 *
 * <p>The root package holds only application setup (REST application, data source). Features live
 * in sub-packages, each split into {@code boundary} (REST resources and transactional use cases),
 * {@code control} (helpers that know nothing of HTTP) and {@code entity} (the domain and its
 * rules).
 */
package dev.rappel;
