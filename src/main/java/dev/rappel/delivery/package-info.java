/**
 * The callback engine (layer 6, above callback): finds callbacks that came due, routes them to the
 * right agent, dials them (agent first or customer first) through the {@link
 * dev.rappel.delivery.control.Dialer} port, takes the agents' and the telephony platform's answers
 * (the dialers report through {@link dev.rappel.delivery.control.DialOutcomes}) and shows an agent
 * its desk. The callback table is the schedule; EJB timers only wake the engine.
 */
package dev.rappel.delivery;
