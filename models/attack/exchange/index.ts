export * from './adtool-export';
export * from './adtool-import';
export * from './render-outline';
export * from './xml-diagnostics';
export {
  readXml,
  XML_LIMITS,
  type XmlElement,
  type XmlLimits,
  type XmlNode,
  type XmlReadResult,
} from './xml-reader';
