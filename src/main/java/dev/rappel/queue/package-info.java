/**
 * Queues: ACD routing queues, their agent members and the callback policy an administrator sets for
 * each (mode, agent queue selection, owned callbacks, retries).
 */
package dev.rappel.queue;
