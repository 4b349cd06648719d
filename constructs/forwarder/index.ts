export * from './ama-forwarder';
export * from './cloud-init';
