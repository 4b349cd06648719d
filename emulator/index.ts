export * from './start-emulator';
export * from './topology/load-topology';
export * from './pipeline/ingestion-pipeline';
export * from './store/table-store';
export * from './topology/read-synthesized-stacks';
export * from './samples';
