/**
 * The personalised care and support plan (PRSB PCSP standard v2.0) as a Yjs document: its shape
 * and parts (schema.ts), the checked edits (edits.ts) and the plan read as JSON (json.ts).
 */
export * from './schema';
export * from './edits';
export { carePlanToJson } from './json';
export { appendParagraph, fragmentText, setFragmentText } from '../documents';
export { carePlanSections, type PlanSectionText } from './sections';
