package io.berth.oci.seccomp;

/** Compares kernel release strings ("6.1.0-18-amd64", "4.8") by their numeric major.minor.patch. */
final class KernelVersion {
  private KernelVersion() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  static int compare(String a, String b) {
    int[] x = parts(a);
    int[] y = parts(b);
    for (int i = 0; i < 3; i++) {
      if (x[i] != y[i]) {
        return Integer.compare(x[i], y[i]);
      }
    }
    return 0;
  }

  private static int[] parts(String release) {
    int[] out = new int[3];
    String[] fields = release.split("[.-]", 4);
    for (int i = 0; i < 3 && i < fields.length; i++) {
      String digits = fields[i].replaceAll("[^0-9].*$", "");
      if (digits.isEmpty()) {
        break; // "6.1-rc2": stop at the first non-numeric field
      }
      out[i] = Integer.parseInt(digits);
    }
    return out;
  }
}
