/** Version 1 of the image facts, published by image-service. Subject: the image id. */
package io.berth.events.image.v1;
