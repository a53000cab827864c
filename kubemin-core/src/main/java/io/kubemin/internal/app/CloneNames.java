package io.kubemin.internal.app;

import io.kubemin.model.ShareTrait;
import java.util.Map;

/**
 * How one template component is named when it is cloned.
 *
 * @param oldName the template component's name
 * @param newName the clone's name
 * @param volumePrefix the prefix given to persistent volume names (the new application's name)
 * @param namespace the new application's namespace
 * @param names template component names (and {@code tem-<name>}) to clone names, of the template
 * @param share the share trait every clone gets (shared clones keep their names), else null
 */
record CloneNames(
    String oldName,
    String newName,
    String volumePrefix,
    String namespace,
    Map<String, String> names,
    ShareTrait share) {}
