/**
 * Version 1 of the container contracts: commands container-service sends to a node
 * ({@code RunContainer}, {@code StopContainer}, {@code KillContainer}, {@code RemoveContainer}) and
 * facts container-service publishes ({@code ContainerCreated}, {@code ContainerRemoved}). Within v1
 * only optional (nullable) fields may be added.
 */
package io.berth.events.container.v1;
