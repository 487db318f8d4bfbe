/**
 * Who may do what (layer 3, above agent and audit): users with roles and hashed passwords, API
 * tokens for integrations, and the authentication of every API request and console page, which
 * produces the {@link dev.rappel.platform.entity.Caller} that use cases check their rules against.
 */
package dev.rappel.security;
