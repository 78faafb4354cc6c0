/**
 * Seccomp for containers: Docker's profile format (what {@code --security-opt seccomp=<file>}
 * sends), its validation, Berth's default profile, and their translation to the runtime-spec's
 * {@code linux.seccomp} section.
 */
package io.berth.oci.seccomp;
