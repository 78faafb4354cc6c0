/**
 * Version 1 of the volume contracts: {@code RemoveVolume}, the command container-service (which
 * owns volume records) sends to nodes (which hold volume data). Within v1 only optional fields may
 * be added.
 */
package io.berth.events.volume.v1;
