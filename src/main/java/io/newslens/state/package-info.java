/**
 * The persistent state of an output and its versions: the one place that knows what is stored under
 * {@code OUTPUT/state/}, how a version is staged and published, and what the manifest says about versions.
 *
 * <ul>
 *   <li>{@link io.newslens.state.StateTables}: every state table, its path and schema;</li>
 *   <li>{@link io.newslens.state.State}: writes them in a full run, one method per stage that has state (called by
 *       {@code io.newslens.job.Pipeline} after the stage);</li>
 *   <li>{@link io.newslens.state.NextVersion}: stages the next version of every table, file by file (unchanged files
 *       hard-linked, changed files rewritten, new rows in new files), for an update;</li>
 *   <li>{@link io.newslens.state.Base}: the output an update starts from (its manifest, version, parameters);</li>
 *   <li>{@link io.newslens.state.Lineage}: the manifest's version number and lineage;</li>
 *   <li>{@link io.newslens.state.TopicModelState}: the stored topic model.</li>
 * </ul>
 *
 * <p>A stage that needs state of its own adds its tables to {@code StateTables}, a writer method to {@code State}
 * and a delta step to {@code io.newslens.incremental.Update} (as stories do: {@code state/story_model} and
 * {@code state/story_df}, {@code State#stories}, {@code io.newslens.incremental.StoriesDelta}); its stable ids keep
 * the version they are in use since and record retired ids in {@code id_aliases} with their own kind. No stage
 * reads or writes {@code state/} itself.
 */
package io.newslens.state;
