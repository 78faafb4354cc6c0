/**
 * Version 1 of the task facts, published by node-runtime: a task is the running process of a
 * container (containerd's distinction). Subject and Kafka key: the container id.
 */
package io.berth.events.task.v1;
