/** Version 1 of the node facts, published by each node-runtime worker. Subject: the node id. */
package io.berth.events.node.v1;
