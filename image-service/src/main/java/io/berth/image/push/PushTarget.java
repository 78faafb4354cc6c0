package io.berth.image.push;

import io.berth.image.image.ImageEntity;

/** One local tag to push: the tag name and the image it points at. */
record PushTarget(String tag, ImageEntity image) {}
