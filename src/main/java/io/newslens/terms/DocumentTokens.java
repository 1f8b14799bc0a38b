package io.newslens.terms;

import java.io.Serializable;

/**
 * The input row of the terms stage's one pass over the tokens ({@link Terms.Parts}): one tokens row with its
 * documents row (source, period, counted, text; all null when the document has no documents row), the token
 * structs as parallel arrays in text order. A Java bean so that Spark ({@code Encoders.bean}) hands the arrays
 * over as {@code int[]} and {@code String[]} instead of one {@code Row} object per token. Bean property names
 * are the Dataset's column names (see {@code Terms.apply}).
 */
public final class DocumentTokens implements Serializable {
  private static final long serialVersionUID = 1L;

  private String docId;
  private String lang;
  private String[] terms;
  private String[] surfaces;
  private int[] sentences;
  private boolean[] stops;
  private int[] starts;
  private int[] ends;
  private String source;
  private String period;
  private Integer periodStart;
  private Boolean counted;
  private String text;

  public DocumentTokens() {}

  /** All fields at once (tests). */
  DocumentTokens(String docId, String lang, String[] terms, String[] surfaces, int[] sentences, boolean[] stops,
      int[] starts, int[] ends, String source, String period, Integer periodStart, Boolean counted, String text) {
    this.docId = docId;
    this.lang = lang;
    this.terms = terms;
    this.surfaces = surfaces;
    this.sentences = sentences;
    this.stops = stops;
    this.starts = starts;
    this.ends = ends;
    this.source = source;
    this.period = period;
    this.periodStart = periodStart;
    this.counted = counted;
    this.text = text;
  }

  public String getDocId() {
    return docId;
  }

  public void setDocId(String v) {
    docId = v;
  }

  public String getLang() {
    return lang;
  }

  public void setLang(String v) {
    lang = v;
  }

  public String[] getTerms() {
    return terms;
  }

  public void setTerms(String[] v) {
    terms = v;
  }

  public String[] getSurfaces() {
    return surfaces;
  }

  public void setSurfaces(String[] v) {
    surfaces = v;
  }

  public int[] getSentences() {
    return sentences;
  }

  public void setSentences(int[] v) {
    sentences = v;
  }

  public boolean[] getStops() {
    return stops;
  }

  public void setStops(boolean[] v) {
    stops = v;
  }

  public int[] getStarts() {
    return starts;
  }

  public void setStarts(int[] v) {
    starts = v;
  }

  public int[] getEnds() {
    return ends;
  }

  public void setEnds(int[] v) {
    ends = v;
  }

  public String getSource() {
    return source;
  }

  public void setSource(String v) {
    source = v;
  }

  public String getPeriod() {
    return period;
  }

  public void setPeriod(String v) {
    period = v;
  }

  /** The period's first day as days since 1970-01-01. */
  public Integer getPeriodStart() {
    return periodStart;
  }

  public void setPeriodStart(Integer v) {
    periodStart = v;
  }

  public Boolean getCounted() {
    return counted;
  }

  public void setCounted(Boolean v) {
    counted = v;
  }

  public String getText() {
    return text;
  }

  public void setText(String v) {
    text = v;
  }
}
