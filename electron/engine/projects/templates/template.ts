// What a project template is: the folders, files and workflows a new project starts with.

export interface ProjectTemplate {
  /** Stable id, as upstream: `web_application`, `data_pipeline`, `ai_analysis`, `node_package`. */
  name: string;
  description: string;
  /** Folders created empty (files create their own parents). */
  directories: string[];
  /** Path relative to the project → contents. `{{projectName}}` is replaced by the project's name. */
  files: Record<string, string>;
  /** Default configuration, written to `.codomyrmex/config.json`. */
  config: Record<string, unknown>;
  /** Workflow name → YAML text, written to `.codomyrmex/workflows/<name>.yaml`. */
  workflows: Record<string, string>;
  /** Where the template comes in the list the app offers; templates without one follow, by name. */
  order?: number;
}
