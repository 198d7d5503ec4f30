/** Input limits: large enough for real projects (a rendered Helm chart of a big platform is a few
 * MB), small enough that hostile input is refused quickly and with bounded memory. */
export const INPUT_LIMITS = {
  /** Largest single file read, in characters. */
  maxFileChars: 32 * 1024 * 1024,
  /** Deepest collection nesting in YAML or JSON. */
  maxDepth: 128,
  /** Alias nodes (`*ref`) per YAML document. */
  maxAliasesPerDocument: 10_000,
  /** Nodes a document may expand to when its aliases are followed (the billion-laughs guard). */
  maxExpandedNodes: 2_000_000,
  /** Documents in one multi-document YAML file. */
  maxDocuments: 50_000,
} as const;
