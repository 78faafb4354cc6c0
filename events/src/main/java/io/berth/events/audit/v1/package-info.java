/** Version 1 of the audit trail's facts, published by api-gateway. */
package io.berth.events.audit.v1;
