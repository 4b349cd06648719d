export * from './facilities-and-levels';
