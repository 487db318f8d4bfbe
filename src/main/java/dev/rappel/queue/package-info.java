/**
 * Queues (layer 3, above agent): ACD routing queues, their agent members (membership is read here,
 * from either side) and the callback policy an administrator sets for each (mode, agent queue
 * selection, owned callbacks, retries).
 */
package dev.rappel.queue;
