/** Version 1 of the network facts, published by network-service. Subject: the network id. */
package io.berth.events.network.v1;
