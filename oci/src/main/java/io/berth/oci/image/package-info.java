/** OCI image wire records (manifest, index, image config) exactly as they travel as JSON. */
package io.berth.oci.image;
