/**
 * Genesys-compatible endpoints: {@code /api/v2/conversations/callbacks} (create, update, bulk
 * update, bulk disconnect) in the request and answer shapes of Genesys Cloud's Platform API, so a
 * web-callback form or script written for Genesys works against Rappel by changing its base URL and
 * credentials ({@code /oauth/token}). Translates those shapes and delegates to the callback use
 * cases; errors there take Genesys' error body. Queues and agents are named by their {@code
 * externalId} (the Genesys UUID) or their Rappel id.
 */
package dev.rappel.genesys;
