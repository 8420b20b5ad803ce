/**
 * The personalised care and support plan (PRSB PCSP standard v2.0) as a Yjs document: its shape
 * and parts (schema.ts), the checked edits (edits.ts), the plan read as JSON (json.ts) and as
 * sections of text (sections.ts), and the upgrade from versions 1 and 2 (upgrade.ts).
 */
export * from './schema';
export * from './edits';
export { carePlanToJson, storedCarePlan } from './json';
export { appendParagraph, fragmentText, setFragmentText } from '../documents';
export { carePlanSections, type PlanSectionText } from './sections';
export { needsCarePlanUpgrade, upgradeCarePlanDocument } from './upgrade';
