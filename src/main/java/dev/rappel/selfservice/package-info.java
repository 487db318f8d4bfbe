/**
 * Self-service for the customer: a link with an unguessable token, sent by SMS or e-mail by the
 * integration, opens a public page where the customer sees their callback and moves it to a free
 * time or cancels it, under the same rules as every other booking. Above {@code callback}, whose
 * use cases and rules it applies for the customer.
 */
package dev.rappel.selfservice;
