package io.berth.network.sandbox;

import io.berth.common.db.DbSchema;
import io.berth.common.outbox.Outbox;
import io.berth.events.CloudEvent;
import io.berth.events.EventTypes;
import io.berth.network.network.NetworkEvents;

/**
 * The SQL that releases containers' endpoints and ports, as data-modifying CTEs over a CTE
 * {@code f(container_id, up_to, forget)} the caller defines: every endpoint and port binding of
 * {@code container_id} created at or before {@code up_to} goes (so a late fact of an earlier run
 * never frees a newer start's address), the attachments too where {@code forget}, and one
 * {@code EndpointDisconnected} outbox row per endpoint this statement actually deleted (one that
 * a concurrent release got first is announced by that one, never twice). The fact's JSON is
 * built here from the deleted row, field for field {@code EndpointDisconnected}'s ({@code ReleaseSqlTest} decodes
 * it); the statement needs no read before it.
 */
final class ReleaseSql {
  private ReleaseSql() {}

  /**
   * {@code gone}, {@code gone_ports}, {@code forgotten} and {@code disconnected}, comma-separated;
   * the fact's constant attributes are parameters {@code $first} to {@code $first+4}
   * ({@link #constants()}), which keeps the statements short enough for the client's prepared
   * statement cache (2048 characters).
   */
  static String ctes(DbSchema schema, int first) {
    String p = "$";
    return "gone as (delete from " + schema.table("endpoints") + " e using f"
        + " where e.container_id = f.container_id and e.created_at <= f.up_to returning e.*),"
        + " gone_ports as (delete from " + schema.table("port_bindings") + " p using f"
        + " where p.container_id = f.container_id and p.created_at <= f.up_to returning p.id),"
        + " forgotten as (delete from " + schema.table("attachments") + " a using f"
        + " where f.forget and a.container_id = f.container_id),"
        + " disconnected as (insert into " + schema.table("outbox") + Outbox.COLUMNS
        + " select gen_random_uuid(), " + p + first + ", g.network_id, " + p + (first + 1) + ", " + p + (first + 2)
        + ", g.network_id, now(), " + p + (first + 3) + ", " + p + (first + 4) + ","
        + " json_build_object('networkId', g.network_id, 'networkName', coalesce(n.name, ''),"
        + " 'driver', coalesce(n.driver, 'bridge'), 'containerId', g.container_id, 'endpointId', g.id,"
        + " 'ipAddress', g.ip_address,"
        + " 'disconnectedAt', to_char(now() at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'))::text"
        + " from gone g left join " + schema.table("networks") + " n on n.id = g.network_id returning id)";
  }

  /** The values of {@link #ctes}' parameters: topic, type, source, dataschema, content type. */
  static String[] constants() {
    return new String[] {EventTypes.ENDPOINT_DISCONNECTED.topic(), EventTypes.ENDPOINT_DISCONNECTED.type(),
        NetworkEvents.SOURCE, EventTypes.ENDPOINT_DISCONNECTED.dataschema(), CloudEvent.JSON};
  }
}
