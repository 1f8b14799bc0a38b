/**
 * The topics stage: topic models that count a story once. Entry: {@link io.newslens.topics.Topics#apply}.
 *
 * <p>Kernels without Spark, tested against hand-computed values: {@link io.newslens.topics.Vocabulary} (the
 * document-frequency rule and its full tie-break), {@link io.newslens.topics.Npmi},
 * {@link io.newslens.topics.Dirichlet} (Minka's fixed-point updates of alpha and beta, as in MALLET) and
 * {@link io.newslens.topics.GibbsPartition} (the SparseLDA-bucket collapsed Gibbs sweep over one partition, and
 * inference for a new document). Spark wrappers: {@link io.newslens.topics.Corpus} (vocabulary and bags of term
 * ids), {@link io.newslens.topics.GibbsLda} (AD-LDA over Spark partitions), {@link io.newslens.topics.MllibLda}
 * (MLlib online / EM) and {@link io.newslens.topics.Coherence} (NPMI from document co-occurrence).
 */
package io.newslens.topics;
