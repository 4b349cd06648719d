export * from './compare-sample-rows';
export * from './expect-samples-to-match';
export * from './format-samples-report';
export * from './run-samples';
export * from './sample-directory';
