/**
 * The callback engine: finds callbacks that came due, routes them to the right agent, dials them
 * (agent first or customer first) through the {@link dev.rappel.delivery.control.Dialer} port, and
 * takes the agents' and the telephony platform's answers. The callback table is the schedule; EJB
 * timers only wake the engine.
 */
package dev.rappel.delivery;
