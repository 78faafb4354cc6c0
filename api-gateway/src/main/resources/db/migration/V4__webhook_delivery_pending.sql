-- The delivery worker's claim walks the pending deliveries in id order and stops at its batch
-- size. Without this index it walked the primary key and filtered out every delivered row of the
-- history (~8 ms per claim at 60,000 rows, growing); with it, ~0.4 ms.
CREATE INDEX webhook_delivery_pending ON webhook_delivery (id) WHERE state = 'pending';
