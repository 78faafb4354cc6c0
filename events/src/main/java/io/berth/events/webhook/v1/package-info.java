/** Version 1 of the facts about webhook subscriptions, published by api-gateway. */
package io.berth.events.webhook.v1;
