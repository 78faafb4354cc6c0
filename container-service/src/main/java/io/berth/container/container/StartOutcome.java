package io.berth.container.container;

/** What a lifecycle request did: acted (204) or found nothing to do (Docker's 304). */
public enum StartOutcome {
  DONE,
  NOT_MODIFIED
}
