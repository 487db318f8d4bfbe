/**
 * Who may do what: users with roles and hashed passwords, API tokens for integrations, the
 * authentication of every API request, and the caller a use case checks its rules against.
 */
package dev.rappel.security;
