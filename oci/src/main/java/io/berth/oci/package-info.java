/** The OCI image model shared by image-service and node-runtime. */
package io.berth.oci;
