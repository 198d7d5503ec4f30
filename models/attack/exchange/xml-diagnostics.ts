import { defineDiagnostics } from '../../source/diagnostic';

/** Problems found while reading XML (ADTool files). Codes are stable. */
export const XML_DIAGNOSTICS = defineDiagnostics({
  XML_TOO_LARGE: { severity: 'error', title: 'The file is larger than the limit for XML input' },
  XML_TOO_DEEP: { severity: 'error', title: 'Elements are nested deeper than the limit' },
  XML_TOO_MANY_ELEMENTS: { severity: 'error', title: 'The file holds more elements than the limit' },
  XML_DTD_FORBIDDEN: {
    severity: 'error',
    title: 'Document type declarations (DTD, entity definitions) are not accepted',
  },
  XML_UNKNOWN_ENTITY: {
    severity: 'error',
    title: 'An entity reference other than &lt; &gt; &amp; &quot; &apos; or a character reference',
  },
  XML_SYNTAX: { severity: 'error', title: 'The file is not well-formed XML' },
  XML_MISMATCHED_TAG: { severity: 'error', title: 'A closing tag does not match the open element' },
  XML_UNCLOSED: { severity: 'error', title: 'An element is not closed before the end of the file' },
  XML_DUPLICATE_ATTRIBUTE: { severity: 'error', title: 'An attribute appears twice on one element' },
});

/** Problems found while turning an ADTool document into a Rampart tree. */
export const ADTOOL_DIAGNOSTICS = defineDiagnostics({
  ADTOOL_NOT_ADTREE: { severity: 'error', title: 'The root element is neither <adtree> nor <sandtree>' },
  ADTOOL_NO_ROOT_NODE: { severity: 'error', title: 'The document has no root <node>' },
  ADTOOL_MISSING_LABEL: { severity: 'warning', title: 'A node has no <label>; an id is made up' },
  ADTOOL_UNKNOWN_REFINEMENT: {
    severity: 'warning',
    title:
      'A refinement other than disjunctive, conjunctive, sequential is read as conjunctive (as ADTool does)',
  },
  ADTOOL_ROOT_IS_DEFENCE: {
    severity: 'warning',
    title:
      "The root is the defender's (switchRole on the root); Rampart reads the root as the attacker's goal",
  },
  ADTOOL_UNKNOWN_DOMAIN: { severity: 'info', title: 'A domain Rampart does not map; its values are ignored' },
  ADTOOL_BAD_PARAMETER: { severity: 'warning', title: 'A parameter value or domain id cannot be read' },
  ADTOOL_DEFAULT_VALUES: {
    severity: 'info',
    title: 'Leaves without a value for a domain get Rampart defaults',
  },
  ADTOOL_DEFENCE_FOLDED: {
    severity: 'warning',
    title: 'A conjunctive refinement of defences is folded into one defence (exact while all are in place)',
  },
  ADTOOL_LABEL_CLASH: {
    severity: 'warning',
    title: 'Two different nodes share a label; they are kept apart (ADTool would share their values)',
  },
  ADTOOL_BAD_METADATA: {
    severity: 'warning',
    title: 'Rampart metadata in a <comment> cannot be read; ignored',
  },
  ADTOOL_DEFENCE_ROOT_CHILD: {
    severity: 'warning',
    title: 'A defence refines a defence in a way Rampart cannot keep; it is skipped',
  },
});
