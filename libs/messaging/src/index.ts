// Event transports (Kafka and in-process) and the consumer runtime. The only place kafkajs is imported.
export { InProcessTransport } from './in-process-transport';
