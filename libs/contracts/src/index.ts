// Event types, their schemas and topic names shared by every service.
export { ALL_TOPICS, BOUNDED_CONTEXTS, topicFor, type BoundedContext } from './topics';
