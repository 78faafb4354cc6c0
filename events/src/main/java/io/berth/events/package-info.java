/** Event and command contracts exchanged over Kafka between Berth services. */
package io.berth.events;
