package io.berth.gateway.webhook.subscription;

import java.util.List;
import java.util.Map;

/**
 * Body of POST and PATCH /berth/v1/webhooks. On PATCH, absent (null) fields keep their value.
 *
 * @param url target URL (http or https)
 * @param eventTypes CloudEvents type patterns, e.g. {@code io.berth.container.*}; empty = all
 * @param labels label filters on the event's object; {@code ""} as value = key present
 * @param secret signing secret; generated ({@code whsec_...}) when absent at creation
 * @param binary CloudEvents binary mode instead of structured JSON
 * @param active whether events are delivered
 */
public record SubscriptionRequest(
    String url, List<String> eventTypes, Map<String, String> labels, String secret, Boolean binary,
    Boolean active) {}
