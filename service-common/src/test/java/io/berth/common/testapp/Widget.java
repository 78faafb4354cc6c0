package io.berth.common.testapp;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** Test-only entity: the "state change" that commits or rolls back with an outbox row. */
@Entity
@Table(name = "widget")
public class Widget extends PanacheEntityBase {
  @Id public UUID id;
  public String name;

  public static Widget named(String name) {
    Widget w = new Widget();
    w.id = UUID.randomUUID();
    w.name = name;
    return w;
  }
}
