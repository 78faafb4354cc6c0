/**
 * Version 1 of the build facts, published by image-service (topic {@code berth.image.events}).
 * Subject: the build id.
 */
package io.berth.events.build.v1;
