package io.newslens.terms;

import java.util.Locale;

/** What one unit of counting is when duplicate clusters exist. */
public enum CountMode {
  /** Each duplicate cluster counts once, through its representative (default). */
  CLUSTER,
  /** Every article counts, reprints included. */
  RAW;

  /** The name used on the command line and in the manifest: "cluster" or "raw". */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
